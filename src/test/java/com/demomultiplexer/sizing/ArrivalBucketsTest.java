package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Windows made of 10-second buckets: a steady rate reads as itself wherever now falls in
 * its bucket, and is never taken for a burst; a window never shrinks below its length.
 */
class ArrivalBucketsTest {

	private final ArrivalBuckets buckets = new ArrivalBuckets(Duration.ofMinutes(1), Duration.ofMinutes(15));

	@Test
	void aSteadyRateReadsAsItselfAtTheEndOfABucket() {
		// 9 s into the bucket that started at 3590: the minute back to 3539 starts in the
		// bucket at 3530, so the buckets 3530..3590 cover 70 s.
		Demand demand = this.buckets.demand(new ArrivalBuckets.Arrivals(3599, steady(3600)));

		assertThat(demand.shortWindow()).isEqualTo(Duration.ofSeconds(70));
		assertThat(demand.shortRate()).isCloseTo(1.0, within(1e-9));
		assertThat(demand.longRate()).isCloseTo(1.0, within(1e-9));
		assertThat(demand.burst()).isFalse();
	}

	@Test
	void aSteadyRateReadsAsItselfAtTheStartOfABucket() {
		// The first second of the bucket at 3590, which holds 1 arrival so far: the
		// buckets 3530..3590 cover 61 s.
		Map<Long, Long> counts = steady(3590);
		counts.put(3590L, 1L);

		Demand demand = this.buckets.demand(new ArrivalBuckets.Arrivals(3590, counts));

		assertThat(demand.shortWindow()).isEqualTo(Duration.ofSeconds(61));
		assertThat(demand.shortRate()).isCloseTo(1.0, within(1e-9));
		assertThat(demand.burst()).isFalse();
	}

	/** One arrival a second, in full buckets, up to {@code end} (exclusive). */
	private static Map<Long, Long> steady(long end) {
		Map<Long, Long> counts = new HashMap<>();
		for (long start = 0; start < end; start += ArrivalBuckets.WIDTH) {
			counts.put(start, ArrivalBuckets.WIDTH);
		}
		return counts;
	}

}
