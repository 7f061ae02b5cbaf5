package com.demomultiplexer.store;

/**
 * Valkey refused a write that only the leader may make: the token it came with is no
 * longer the leader's (this replica lost its lease, perhaps while paused).
 */
public class FencedException extends RuntimeException {

	public FencedException() {
		super("This replica no longer holds the leader's lease; the write was refused");
	}

}
