package com.demomultiplexer.sizing;

import java.time.Duration;

/**
 * The typical warm-up time: an exponentially weighted mean of the warm-ups that
 * succeeded, each new one weighing {@link #WEIGHT}, so that the estimate follows a slower
 * image or a busier host within a few warm-ups without jumping at one slow start.
 */
public final class WarmupTime {

	static final double WEIGHT = 0.2;

	private WarmupTime() {
	}

	/** The estimate once a warm-up took {@code took}. */
	public static Duration updated(Duration estimate, Duration took) {
		return Duration.ofMillis(Math.round((1 - WEIGHT) * estimate.toMillis() + WEIGHT * took.toMillis()));
	}

}
