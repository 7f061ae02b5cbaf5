package com.demomultiplexer.sizing;

import java.time.Duration;

/**
 * The queueing bound behind the adaptive target. Every shop handed out starts a warm-up
 * that brings the pool back to its target after the refill time. With arrivals a Poisson
 * process of rate λ and a refill time W, the warm-ups in flight at any moment are the
 * busy servers of an M/G/∞ queue: their number is Poisson with mean λ·W, whatever W's
 * distribution. The pool is empty exactly when all of its target's shops are being
 * refilled, and arrivals see the time average (PASTA), so an arrival finds a pool of
 * target T empty with probability P(Poisson(λ·W) ≥ T).
 * <p>
 * It assumes as many warm-ups at once as needed: when λ·W approaches
 * POOL_WARMUP_CONCURRENCY the refill time grows and the bound is optimistic, which
 * {@link #targetFor} reports by capping at the ceiling.
 */
public final class EmptyPoolRisk {

	private EmptyPoolRisk() {
	}

	/**
	 * The chance that an arrival finds a pool of {@code target} ready shops empty.
	 */
	public static double of(int target, double arrivalsPerSecond, Duration refillTime) {
		double mean = mean(arrivalsPerSecond, refillTime);
		// Nobody arriving finds nothing, whatever the target.
		return (mean == 0) ? 0 : Poisson.atLeast(target, mean);
	}

	/**
	 * The smallest target whose risk is at most {@code acceptableRisk}, at most
	 * {@code ceiling}; 0 when nobody arrives.
	 */
	public static int targetFor(double arrivalsPerSecond, Duration refillTime, double acceptableRisk, int ceiling) {
		return Poisson.smallestWithTailAtMost(mean(arrivalsPerSecond, refillTime), acceptableRisk, ceiling);
	}

	private static double mean(double arrivalsPerSecond, Duration refillTime) {
		if (arrivalsPerSecond < 0 || refillTime.isNegative()) {
			throw new IllegalArgumentException("Arrival rate and refill time must not be negative");
		}
		return arrivalsPerSecond * refillTime.toNanos() / 1e9;
	}

}
