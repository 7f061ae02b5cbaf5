package com.demomultiplexer.sizing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The queueing bound's arithmetic, against values worked out by hand: one arrival a
 * minute and a refill of a minute keep on average one warm-up in flight, Poisson(1).
 */
class EmptyPoolRiskTest {

	private static final double ONE_A_MINUTE = 1.0 / 60;

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void theRiskOfATargetIsThePoissonTailAtIt() {
		double e = Math.exp(-1);
		assertThat(EmptyPoolRisk.of(0, ONE_A_MINUTE, MINUTE)).isEqualTo(1);
		assertThat(EmptyPoolRisk.of(1, ONE_A_MINUTE, MINUTE)).isCloseTo(1 - e, within(1e-12));
		assertThat(EmptyPoolRisk.of(2, ONE_A_MINUTE, MINUTE)).isCloseTo(1 - 2 * e, within(1e-12));
		assertThat(EmptyPoolRisk.of(4, ONE_A_MINUTE, MINUTE)).isCloseTo(1 - 8.0 / 3 * e, within(1e-12));
		assertThat(EmptyPoolRisk.of(5, ONE_A_MINUTE, MINUTE)).isCloseTo(1 - 65.0 / 24 * e, within(1e-12));
	}

	@Test
	void theTargetIsTheSmallestWhoseRiskIsWithinTheBound() {
		// Risks of 4 and 5: 1.90% and 0.37%.
		assertThat(EmptyPoolRisk.targetFor(ONE_A_MINUTE, MINUTE, 0.01, 100)).isEqualTo(5);
		assertThat(EmptyPoolRisk.targetFor(ONE_A_MINUTE, MINUTE, 0.02, 100)).isEqualTo(4);
		assertThat(EmptyPoolRisk.targetFor(ONE_A_MINUTE, MINUTE.multipliedBy(2), 0.01, 100))
			.as("twice the refill time needs more shops")
			.isEqualTo(7);
	}

	@Test
	void nobodyArrivingNeedsNoShopAndCannotFindThePoolEmpty() {
		assertThat(EmptyPoolRisk.targetFor(0, MINUTE, 0.01, 100)).isZero();
		assertThat(EmptyPoolRisk.of(1, 0, MINUTE)).isZero();
		assertThat(EmptyPoolRisk.of(0, 0, MINUTE)).as("an empty pool nobody comes to").isZero();
	}

	@Test
	void aLargeMeanNeitherUnderflowsNorPassesTheCeiling() {
		// Mean 6,000: the 1% tail starts about 2.33 standard deviations (77) above it.
		assertThat(EmptyPoolRisk.targetFor(100, MINUTE, 0.01, 10_000)).isBetween(6170, 6190);
		assertThat(EmptyPoolRisk.targetFor(100, MINUTE, 0.01, 500)).isEqualTo(500);
	}

}
