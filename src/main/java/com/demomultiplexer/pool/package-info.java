/**
 * The warm pool's orchestration: handing out shops
 * ({@link com.demomultiplexer.pool.PoolManager}), warming new ones
 * ({@link com.demomultiplexer.pool.Replenisher}), and tearing down those whose time is up
 * ({@link com.demomultiplexer.pool.Reaper}).
 */
package com.demomultiplexer.pool;
