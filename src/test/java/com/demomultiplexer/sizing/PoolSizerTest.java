package com.demomultiplexer.sizing;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The target follows the risk bound up at once and down at the shrink rate, within
 * POOL_MIN_SIZE..POOL_MAX_SIZE, and says why it is what it is.
 */
class PoolSizerTest {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	/** 1% risk, 1..40 shops, 2 fewer a minute at most, a round every second. */
	private static final SizingRules RULES = new SizingRules(0.01, 1, 40, 2, Duration.ofSeconds(1));

	/** A refill of one minute with the round's second: the warm-up takes 59 s. */
	private static final Duration WARMUP = Duration.ofSeconds(59);

	@Test
	void aBurstRaisesTheTargetAtOnceAndItFallsAtTheShrinkRateAfter() {
		PoolSizer sizer = new PoolSizer(RULES, 1, START);

		PoolSizer.Decision burst = sizer.decide(perMinute(10), WARMUP, START);
		assertThat(burst.target()).as("Poisson(10): 1.43% at 18, 0.72% at 19").isEqualTo(19);
		assertThat(burst.refillTime()).isEqualTo(MINUTE);
		assertThat(burst.emptyRisk()).isLessThanOrEqualTo(0.01);

		Instant later = START;
		int[] targets = new int[4];
		for (int i = 0; i < 4; i++) {
			later = later.plusSeconds(30);
			targets[i] = sizer.decide(perMinute(1), WARMUP, later).target();
		}
		assertThat(targets).as("two fewer a minute: one every 30 s").containsExactly(18, 17, 16, 15);
		assertThat(sizer.decide(perMinute(1), WARMUP, later.plus(MINUTE.multipliedBy(10))).target())
			.as("down to what the risk asks for, no further")
			.isEqualTo(5);
	}

	@Test
	void theTargetStaysWithinTheBounds() {
		PoolSizer sizer = new PoolSizer(RULES, 1, START);

		assertThat(sizer.decide(perMinute(0), WARMUP, START).target()).as("nobody: the minimum").isEqualTo(1);
		assertThat(sizer.decide(perMinute(600), WARMUP, START).target()).as("a flood: the maximum").isEqualTo(40);
		assertThat(sizer.decide(perMinute(600), WARMUP, START).wanted()).isEqualTo(40);
	}

	@Test
	void theLongWindowHoldsTheRateUpAfterABurstHasPassed() {
		Demand afterBurst = new Demand(0, MINUTE, 150, MINUTE.multipliedBy(15));

		assertThat(afterBurst.arrivalsPerSecond()).isEqualTo(10.0 / 60);
		assertThat(new PoolSizer(RULES, 1, START).decide(afterBurst, WARMUP, START).target()).isEqualTo(19);
	}

	/** Arrivals at this rate in both windows. */
	private static Demand perMinute(int arrivals) {
		return new Demand(arrivals, MINUTE, arrivals * 15L, MINUTE.multipliedBy(15));
	}

}
