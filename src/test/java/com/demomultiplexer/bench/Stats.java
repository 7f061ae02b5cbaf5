package com.demomultiplexer.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency samples in nanoseconds, and their percentiles in milliseconds.
 */
record Stats(long[] sortedNanos, double seconds) {

	static Stats of(Collection<Long> nanos, double seconds) {
		return of(nanos.stream().mapToLong(Long::longValue).toArray(), seconds);
	}

	/** Sorts {@code nanos} in place. */
	static Stats of(long[] nanos, double seconds) {
		Arrays.sort(nanos);
		return new Stats(nanos, seconds);
	}

	int count() {
		return this.sortedNanos.length;
	}

	double p(double percentile) {
		if (this.sortedNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100 * this.sortedNanos.length) - 1;
		return this.sortedNanos[Math.max(0, Math.min(index, this.sortedNanos.length - 1))] / 1e6;
	}

	double perSecond() {
		return this.sortedNanos.length / this.seconds;
	}

}
