package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.demomultiplexer.config.PoolProperties;

import org.springframework.stereotype.Component;

/**
 * Estimates when the next shop will be ready: when the oldest running warm-up should
 * finish, going by a moving average of recent warm-up times (POOL_RETRY_AFTER until one
 * was timed); when none runs, a whole warm-up from now.
 */
@Component
class RetryAfterEstimator {

	/** Weight of the newest warm-up in the moving average. */
	private static final double WEIGHT = 0.2;

	private static final Duration AT_LEAST = Duration.ofSeconds(1);

	private final Clock clock;

	private volatile Duration typicalWarmup;

	RetryAfterEstimator(PoolProperties pool, Clock clock) {
		this.clock = clock;
		this.typicalWarmup = pool.retryAfter();
	}

	void warmupTook(Duration took) {
		long averageMillis = Math.round((1 - WEIGHT) * this.typicalWarmup.toMillis() + WEIGHT * took.toMillis());
		this.typicalWarmup = Duration.ofMillis(averageMillis);
	}

	/**
	 * @param oldestWarmupStart when the longest-running warm-up began, as the refused
	 * acquire found it
	 */
	Duration nextReadyIn(Optional<Instant> oldestWarmupStart) {
		Duration typical = this.typicalWarmup;
		Instant now = this.clock.instant();
		Duration estimate = oldestWarmupStart.map((started) -> Duration.between(now, started.plus(typical)))
			.orElse(typical);
		return (estimate.compareTo(AT_LEAST) < 0) ? AT_LEAST : estimate;
	}

}
