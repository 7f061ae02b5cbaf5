package com.demomultiplexer.support;

import java.time.Duration;

import com.demomultiplexer.config.PoolProperties;

/**
 * Settings for tests that build components by hand.
 */
public final class Settings {

	private Settings() {
	}

	/**
	 * Target 3, max 10, TTL 30 minutes (cap 2 hours, 3 extensions), warm-up timeout 60 s,
	 * two warm-ups at once, Retry-After 10 s before any warm-up was timed, waits of up to
	 * 30 s.
	 */
	public static PoolProperties pool() {
		return new PoolProperties(3, 0, 10, Duration.ofMinutes(30), Duration.ofHours(2), 2, Duration.ofSeconds(60),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
	}

}
