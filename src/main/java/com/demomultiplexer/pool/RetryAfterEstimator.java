package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.sizing.WarmupTime;
import com.demomultiplexer.store.SizingStore;

import org.springframework.stereotype.Component;

/**
 * Estimates when the next shop will be ready: when the oldest running warm-up should
 * finish, going by a moving average of recent warm-up times (POOL_RETRY_AFTER until one
 * was timed); when none runs, a whole warm-up from now. The average is also kept in
 * Valkey, where adaptive sizing reads it on whichever replica leads, and where a replica
 * that starts to warm shops picks it up.
 */
@Component
class RetryAfterEstimator {

	private static final Logger log = LoggerFactory.getLogger(RetryAfterEstimator.class);

	private static final Duration AT_LEAST = Duration.ofSeconds(1);

	private final Clock clock;

	private final SizingStore sizing;

	private volatile Duration typicalWarmup;

	/** Whether a warm-up was timed yet: the first one replaces the configured guess. */
	private volatile boolean timed;

	RetryAfterEstimator(PoolProperties pool, SizingStore sizing, Clock clock) {
		this.clock = clock;
		this.sizing = sizing;
		this.typicalWarmup = pool.retryAfter();
	}

	void warmupTook(Duration took) {
		this.typicalWarmup = this.timed ? WarmupTime.updated(this.typicalWarmup, took)
				: sharedTypical().map((shared) -> WarmupTime.updated(shared, took)).orElse(took);
		this.timed = true;
		try {
			this.sizing.saveWarmupTime(this.typicalWarmup);
		}
		catch (RuntimeException ex) {
			// The shop is ready all the same; sizing goes by the last time it could read.
			log.debug("Cannot keep the typical warm-up time in Valkey: {}", ex.toString());
		}
	}

	/**
	 * What the replicas that warmed shops before this one measured: a replica that takes
	 * the lead carries on from it rather than from its first warm-up alone.
	 */
	private Optional<Duration> sharedTypical() {
		try {
			return this.sizing.warmupTime();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
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
