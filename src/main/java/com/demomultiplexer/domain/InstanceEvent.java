package com.demomultiplexer.domain;

import java.time.Instant;

/**
 * Something that happened to a shop, as every service process hears it (through Valkey
 * pub/sub): whichever process handled the request, every open countdown and every waiting
 * caller learns of it.
 */
public sealed interface InstanceEvent {

	InstanceId id();

	/** A shop entered the pool. */
	record Ready(InstanceId id) implements InstanceEvent {
	}

	/** An assigned shop's expiry moved. */
	record Extended(InstanceId id, Instant expiresAt) implements InstanceEvent {
	}

	/** A shop ended: expired, released or failed. */
	record Ended(InstanceId id, InstanceState state) implements InstanceEvent {
	}

}
