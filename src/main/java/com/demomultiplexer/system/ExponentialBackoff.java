package com.demomultiplexer.system;

import java.time.Duration;

/**
 * Pauses that double with each failure in a row: {@code initial} after the first,
 * {@code initial × 2^(n-1)} after the n-th, never more than {@code max}.
 */
public record ExponentialBackoff(Duration initial, Duration max) {

	/** The pause after {@code failures} failures in a row (at least one). */
	public Duration after(int failures) {
		Duration wait = this.initial.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 30));
		return (wait.compareTo(this.max) > 0) ? this.max : wait;
	}

}
