/**
 * The public HTTP API. Controllers only map HTTP to
 * {@link com.demomultiplexer.pool.PoolManager} calls; every error is RFC 9457
 * problem+json.
 */
package com.demomultiplexer.api;
