package com.demomultiplexer.sizing;

import java.time.Duration;

/**
 * Acquires that arrived (handed a shop or refused for an empty pool) over a short and a
 * long window, as counted in Valkey for every replica at once. The estimated arrival rate
 * is the larger of the two windows' rates: a burst raises it within the short window, and
 * after it the rate falls only as the long window forgets the burst.
 */
public record Demand(long shortWindowArrivals, Duration shortWindow, long longWindowArrivals, Duration longWindow) {

	public double shortRate() {
		return perSecond(this.shortWindowArrivals, this.shortWindow);
	}

	public double longRate() {
		return perSecond(this.longWindowArrivals, this.longWindow);
	}

	/**
	 * A short window's count is a burst when the long window's rate would give that many
	 * or more with a chance below this. Loose on purpose: a burst taken for real costs a
	 * few idle shop-minutes while the target falls back, a burst seen late costs the
	 * prospects of a campaign's first minute (in the simulation, 1% let five through
	 * where 5% let none, for 3% more idle hours on a steady day).
	 */
	static final double BURST_SURPRISE = 0.05;

	/** Arrivals per second as sizing uses them. */
	public double arrivalsPerSecond() {
		double expected = longRate() * this.shortWindow.toNanos() / 1e9;
		return burst(expected) ? Math.max(shortRate(), longRate()) : longRate();
	}

	/** Whether the short window saw a burst rather than the long window's rate. */
	public boolean burst() {
		return burst(longRate() * this.shortWindow.toNanos() / 1e9);
	}

	private boolean burst(double expectedInShortWindow) {
		return Poisson.atLeast(this.shortWindowArrivals, expectedInShortWindow) < BURST_SURPRISE;
	}

	private static double perSecond(long arrivals, Duration window) {
		return arrivals / (window.toNanos() / 1e9);
	}

}
