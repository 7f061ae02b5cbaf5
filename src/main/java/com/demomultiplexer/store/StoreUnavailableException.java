package com.demomultiplexer.store;

/**
 * Valkey could not be reached or did not answer in time. Commands are rejected at once
 * while the connection is down (nothing is queued for later), so callers learn of an
 * outage within VALKEY_TIMEOUT and nothing they asked for happens behind their back after
 * it. A command cut off by a dropped connection may have run, and one that timed out may
 * still run: this failure means "not known", not "not done". Neither is ever sent again,
 * so each runs at most once.
 */
public class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException(Throwable cause) {
		super("Valkey is unavailable: " + cause.getMessage(), cause);
	}

}
