package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.WarmupBackoffProperties;
import com.demomultiplexer.container.WarmupFailedException.Reason;
import com.demomultiplexer.system.ExponentialBackoff;

import org.springframework.stereotype.Component;

/**
 * Spaces warm-ups out while they, or whole replenisher rounds, fail: after the n-th
 * failure in a row the next try waits POOL_BACKOFF_INITIAL × 2^(n-1), at most
 * POOL_BACKOFF_MAX. From POOL_PAUSE_AFTER_FAILURES failures on, the replenisher is
 * paused: one probe warm-up per POOL_BACKOFF_MAX, and the first success resumes normal
 * refilling.
 */
@Component
class WarmupBackoff {

	private static final Logger log = LoggerFactory.getLogger(WarmupBackoff.class);

	/**
	 * What the replenisher is doing, for health and logs: the last failure's reason and,
	 * in words, its cause.
	 */
	record State(boolean paused, int consecutiveFailures, Reason lastFailure, String lastCause, Instant nextAttempt) {
	}

	private final WarmupBackoffProperties properties;

	private final Clock clock;

	/** Warm-ups that failed in a row; only a warm-up that succeeds ends the run. */
	private int failedWarmups;

	/**
	 * Replenisher rounds that failed in a row before starting warm-ups; a round that gets
	 * through ends the run.
	 */
	private int failedRounds;

	private Reason lastFailure;

	private String lastCause;

	private Instant nextAttempt = Instant.MIN;

	WarmupBackoff(WarmupBackoffProperties properties, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.clock = clock;
		Gauge.builder("demo.replenisher.paused", this, (backoff) -> backoff.state().paused() ? 1 : 0)
			.description("1 while repeated failures (of warm-ups or of whole rounds) pause the replenisher")
			.register(meters);
		Gauge.builder("demo.replenisher.consecutive.failures", this, (backoff) -> backoff.state().consecutiveFailures())
			.description("Warm-ups and replenisher rounds that failed in a row")
			.register(meters);
	}

	/** How many of {@code wanted} warm-ups may start now. */
	synchronized int allow(int wanted) {
		Instant now = this.clock.instant();
		if (wanted <= 0 || now.isBefore(this.nextAttempt)) {
			return 0;
		}
		if (isPaused()) {
			// One probe; the next only after the longest backoff, whatever this one's
			// outcome.
			this.nextAttempt = now.plus(this.properties.max());
			return 1;
		}
		return wanted;
	}

	/** Whether a round may try anything now, or a backoff is still running. */
	synchronized boolean due() {
		return !this.clock.instant().isBefore(this.nextAttempt);
	}

	/**
	 * A replenisher round failed before it could start warm-ups (Caddy refused the
	 * server, Valkey is unavailable): it backs off like a failed warm-up.
	 */
	synchronized void roundFailed(String cause) {
		this.failedRounds++;
		recordFailure(Reason.ERROR, cause);
	}

	/**
	 * A round got through: that ends a run of failed rounds, but not one of failed
	 * warm-ups, which only a warm-up that succeeds ends.
	 */
	synchronized void roundSucceeded() {
		if (this.failedRounds > 0) {
			boolean wasPaused = isPaused();
			this.failedRounds = 0;
			if (this.failedWarmups == 0) {
				this.nextAttempt = Instant.MIN;
			}
			if (wasPaused && !isPaused()) {
				log.info("The replenisher resumes: its rounds get through again");
			}
		}
	}

	synchronized void failed(Reason reason, String cause) {
		this.failedWarmups++;
		recordFailure(reason, cause);
	}

	private void recordFailure(Reason reason, String cause) {
		this.lastFailure = reason;
		this.lastCause = cause;
		Duration wait = backoff(consecutiveFailures());
		Instant retryAt = this.clock.instant().plus(wait);
		if (retryAt.isAfter(this.nextAttempt)) {
			this.nextAttempt = retryAt;
		}
		if (consecutiveFailures() == this.properties.pauseAfter()) {
			log.warn("Replenisher paused after {} failures in a row (last: {}, {}); probing every {}",
					consecutiveFailures(), reason, cause, this.properties.max());
		}
	}

	synchronized void succeeded() {
		if (isPaused()) {
			log.info("The replenisher resumes after {} failures in a row", consecutiveFailures());
		}
		this.failedWarmups = 0;
		this.failedRounds = 0;
		this.nextAttempt = Instant.MIN;
	}

	synchronized State state() {
		return new State(isPaused(), consecutiveFailures(), this.lastFailure, this.lastCause,
				this.nextAttempt.equals(Instant.MIN) ? null : this.nextAttempt);
	}

	private int consecutiveFailures() {
		return this.failedWarmups + this.failedRounds;
	}

	private boolean isPaused() {
		return consecutiveFailures() >= this.properties.pauseAfter();
	}

	private Duration backoff(int failures) {
		return new ExponentialBackoff(this.properties.initial(), this.properties.max()).after(failures);
	}

}
