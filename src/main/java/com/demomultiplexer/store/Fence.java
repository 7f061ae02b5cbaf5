package com.demomultiplexer.store;

/**
 * The fencing token of a leadership (see lease.lua), given to the writes only the leader
 * may make; {@link #NONE} for the writes any replica may make (a client's release, an
 * operator's).
 */
public record Fence(String token) {

	public static final Fence NONE = new Fence("");

}
