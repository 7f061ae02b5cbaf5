package com.demomultiplexer.sizing;

import java.time.Duration;

/**
 * The warm-up time sizing uses: an exponentially weighted mean of the warm-ups that
 * succeeded, each weighing {@link #WEIGHT}, so that it follows a slower image or a busier
 * host within a few warm-ups. Before the first one it is the warm-up timeout, the longest
 * a warm-up may take: a pool sized for it is too big rather than too small.
 */
public final class WarmupTimes {

	static final double WEIGHT = 0.2;

	private double seconds;

	public WarmupTimes(Duration before) {
		this.seconds = before.toNanos() / 1e9;
	}

	public synchronized void succeeded(Duration took) {
		this.seconds += WEIGHT * (took.toNanos() / 1e9 - this.seconds);
	}

	public synchronized Duration estimate() {
		return Duration.ofNanos((long) (this.seconds * 1e9));
	}

}
