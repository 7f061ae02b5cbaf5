package com.demomultiplexer.sizing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate sized for: the long window's, unless the short window's count would be
 * surprising at that rate (below 5%). With 8 arrivals in 15 minutes, a minute expects
 * 0.53: two in it happen 10% of the time, three 1.7%.
 */
class DemandTest {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Duration QUARTER = Duration.ofMinutes(15);

	@Test
	void arrivalsThatMerelyClusterKeepTheLongWindowsRate() {
		Demand demand = new Demand(2, MINUTE, 8, QUARTER);

		assertThat(demand.burst()).isFalse();
		assertThat(demand.arrivalsPerSecond()).isEqualTo(8.0 / QUARTER.toSeconds());
	}

	@Test
	void aBurstInTheShortWindowRaisesTheRateToItsOwn() {
		Demand demand = new Demand(3, MINUTE, 8, QUARTER);

		assertThat(demand.burst()).isTrue();
		assertThat(demand.arrivalsPerSecond()).isEqualTo(3.0 / 60);
	}

	@Test
	void beforeTheLongWindowHasFilledTheFirstArrivalsCountAsABurst() {
		assertThat(new Demand(2, MINUTE, 2, QUARTER).burst()).as("two in the first minute").isTrue();
		assertThat(new Demand(0, MINUTE, 0, QUARTER).arrivalsPerSecond()).isZero();
	}

}
