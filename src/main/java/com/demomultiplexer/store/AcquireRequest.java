package com.demomultiplexer.store;

import java.time.Instant;

/**
 * An acquire as the store sees it.
 *
 * @param client the key the client is counted under
 * @param tokenHash the hash of the owner token the shop will be bound to
 * @param now the time of the request
 * @param expiresAt when the shop will expire
 * @param limits the client's limits
 * @param arrival whether adaptive sizing counts this call as a prospect's arrival: a
 * request's first attempt does, and the attempts of an acquire that waits for a shop do
 * not, since they are the same prospect
 */
public record AcquireRequest(String client, String tokenHash, Instant now, Instant expiresAt, ClientLimits limits,
		boolean arrival) {

	/**
	 * Acquires allowed per client.
	 *
	 * @param hourly in any hour
	 * @param daily in any day
	 * @param live shops held at once
	 */
	public record ClientLimits(int hourly, int daily, int live) {
	}

}
