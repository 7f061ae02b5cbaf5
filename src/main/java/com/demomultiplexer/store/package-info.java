/**
 * The pool's state in Valkey, through Lettuce. Every multi-key change is one Lua script
 * from {@code resources/valkey}, so a crash between two commands cannot lose or
 * double-hand a shop.
 */
package com.demomultiplexer.store;
