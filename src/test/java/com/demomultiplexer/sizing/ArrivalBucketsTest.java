package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Windows made of 10-second buckets: a steady rate reads as itself wherever now falls in
 * its bucket, and is never taken for a burst.
 */
class ArrivalBucketsTest {

	private final ArrivalBuckets buckets = new ArrivalBuckets(Duration.ofMinutes(1), Duration.ofMinutes(15));

	@Test
	void aSteadyRateReadsAsItselfAtTheEndOfABucket() {
		// 9 s into the bucket that started at 3590: the buckets 3540..3590 hold a minute.
		Demand demand = this.buckets.demand(new ArrivalBuckets.Arrivals(3599, steady(3600)));

		assertThat(demand.shortWindow()).isEqualTo(Duration.ofSeconds(60));
		assertThat(demand.shortRate()).isCloseTo(1.0, within(1e-9));
		assertThat(demand.longRate()).isCloseTo(1.0, within(1e-9));
		assertThat(demand.burst()).isFalse();
	}

	@Test
	void aSteadyRateReadsAsItselfAtTheStartOfABucket() {
		// The first second of the bucket at 3590, which holds 1 arrival so far: the
		// buckets 3540..3590 cover 51 s.
		Map<Long, Long> counts = steady(3590);
		counts.put(3590L, 1L);

		Demand demand = this.buckets.demand(new ArrivalBuckets.Arrivals(3590, counts));

		assertThat(demand.shortWindow()).isEqualTo(Duration.ofSeconds(51));
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
