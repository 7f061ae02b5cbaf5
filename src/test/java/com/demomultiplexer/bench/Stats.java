package com.demomultiplexer.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency samples in nanoseconds, and their percentiles in milliseconds.
 */
record Stats(long[] sortedNanos, double seconds) {

	static Stats of(Collection<Long> nanos, double seconds) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return new Stats(sorted, seconds);
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
