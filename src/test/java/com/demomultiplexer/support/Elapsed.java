package com.demomultiplexer.support;

import java.time.Duration;

/**
 * Time passed since a {@link System#nanoTime()} reading, in whole seconds, for bounds
 * that must hold on a loaded machine: rounded up where it widens an upper bound on what
 * was spent, down where it widens a lower bound.
 */
public final class Elapsed {

	private Elapsed() {
	}

	public static long secondsSinceRoundedUp(long nanoTime) {
		return wholeSecondsSince(nanoTime) + 1;
	}

	public static long wholeSecondsSince(long nanoTime) {
		return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
	}

}
