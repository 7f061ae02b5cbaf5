package com.demomultiplexer.store;

import java.time.Duration;

/** The leader's lease of a deployment, shared by its replicas (lease.lua). */
public interface LeaseStore {

	/**
	 * Renews the lease when {@code heldToken} still holds it, else claims it if it is
	 * free. Atomic.
	 */
	LeaseClaim claim(String replica, String heldToken, Duration lease);

	/** Frees the lease at once, if {@code token} holds it. */
	void resign(String token);

	/**
	 * The outcome of a claim: this replica leads with {@code token}, or follows the
	 * holder of {@code token}.
	 */
	record LeaseClaim(boolean leader, String token) {

		/** The replica that holds the lease: the token's second part. */
		public String holder() {
			return this.token.substring(this.token.indexOf(' ') + 1);
		}

	}

}
