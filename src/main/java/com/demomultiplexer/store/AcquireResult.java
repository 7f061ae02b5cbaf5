package com.demomultiplexer.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.demomultiplexer.domain.Instance;

/**
 * What one acquire attempt came to, with the client's usage after it.
 */
public sealed interface AcquireResult {

	ClientUsage usage();

	/** The client got this shop. */
	record Granted(Instance instance, ClientUsage usage) implements AcquireResult {
	}

	/** The client is over a limit; nothing was handed out or counted. */
	record Limited(ClientLimit limit, Duration retryAfter, ClientUsage usage) implements AcquireResult {
	}

	/**
	 * No shop is ready; nothing was counted.
	 *
	 * @param oldestWarmupStart when the longest-running warm-up began; empty when none
	 * runs
	 */
	record Empty(ClientUsage usage, Optional<Instant> oldestWarmupStart) implements AcquireResult {
	}

	/** The limits on one client. */
	enum ClientLimit {

		HOURLY, DAILY, LIVE

	}

	/**
	 * One client's acquires in the last hour and day, and the shops it holds now.
	 *
	 * @param hourly acquires in the last hour
	 * @param daily acquires in the last day
	 * @param live shops it holds
	 */
	record ClientUsage(long hourly, long daily, long live) {
	}

}
