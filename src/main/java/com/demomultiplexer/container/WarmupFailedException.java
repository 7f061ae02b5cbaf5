package com.demomultiplexer.container;

/**
 * A shop that did not get ready, and why.
 */
public class WarmupFailedException extends RuntimeException {

	/** Why a warm-up failed, as a low-cardinality metric tag. */
	public enum Reason {

		/** The shop's database or user could not be created. */
		DATABASE_FAILED,
		/**
		 * The engine refused to create or start the container (missing image, taken port,
		 * engine down).
		 */
		START_FAILED,
		/** The container stopped while booting. */
		EXITED,
		/** The container ran but never answered 200 to its own host name in time. */
		TIMEOUT,
		/** Caddy refused the shop's route. */
		ROUTE_FAILED,
		/**
		 * Something else failed mid-warm-up: the engine while the shop booted, or Valkey
		 * while it was put into the pool.
		 */
		ERROR

	}

	private final Reason reason;

	public WarmupFailedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
