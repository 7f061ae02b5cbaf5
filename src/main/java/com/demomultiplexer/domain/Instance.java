package com.demomultiplexer.domain;

import java.time.Instant;

/**
 * One shop as recorded in Valkey. Timestamps are null until the shop reaches that point;
 * the owner's fields are null until it is acquired.
 *
 * @param id the shop's id, also the first label of its host name
 * @param state where it is in its life
 * @param hostPort the host port its container's port 80 is published on
 * @param createdAt when its warm-up began
 * @param readyAt when it answered its first 200
 * @param assignedAt when a prospect acquired it
 * @param expiresAt when the reaper destroys it
 * @param extensions how many times its owner extended it
 * @param owner who holds it, and the proof of it
 * @param backOffice the login of its back office
 */
public record Instance(InstanceId id, InstanceState state, int hostPort, Instant createdAt, Instant readyAt,
		Instant assignedAt, Instant expiresAt, int extensions, Owner owner, BackOfficeLogin backOffice) {

	/**
	 * The prospect holding a shop.
	 *
	 * @param client the client key their acquire was counted under
	 * @param tokenHash SHA-256 of their owner token; the token itself is never stored
	 */
	public record Owner(String client, String tokenHash) {
	}

}
