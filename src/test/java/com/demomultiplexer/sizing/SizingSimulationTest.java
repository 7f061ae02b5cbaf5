package com.demomultiplexer.sizing;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.sizing.PoolSimulation.Outcome;
import com.demomultiplexer.sizing.PoolSimulation.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive sizing against every fixed target, with hindsight, on the same traces (a
 * steady day, a campaign spike of twenty times the rate within a minute, a night lull):
 * no fixed target refuses fewer arrivals without keeping more ready shops waiting; on a
 * steady day, where a fixed target chosen with hindsight is the best there is, adaptive
 * sizing comes within a few percent of it; where demand changes, a fixed target that
 * refuses no more keeps far more shops waiting.
 */
class SizingSimulationTest {

	@Test
	void noFixedTargetRefusesFewerWithoutKeepingMoreShopsIdle() {
		for (Trace trace : SizingScenarios.traces()) {
			SizingComparison comparison = SizingComparison.on(trace);

			assertThat(comparison.asFewIdle().refused()).as(trace.name() + ": a fixed target idling no more")
				.isGreaterThanOrEqualTo(comparison.adaptive().refused());
		}
	}

	@Test
	void onASteadyDayAdaptiveSizingIdlesWithinAFewPercentOfTheBestFixedTargetChosenWithHindsight() {
		SizingComparison comparison = SizingComparison.on(SizingScenarios.traces().get(0));

		assertThat(comparison.asFewRefused().readyShopHours())
			.isGreaterThanOrEqualTo(0.95 * comparison.adaptive().readyShopHours());
	}

	@Test
	void whereDemandChangesAFixedTargetPaysForAdaptiveSizingsRefusalsInIdleShops() {
		for (Trace trace : SizingScenarios.traces().subList(1, 3)) {
			SizingComparison comparison = SizingComparison.on(trace);

			assertThat(comparison.asFewRefused().readyShopHours()).as(trace.name())
				.isGreaterThan(1.25 * comparison.adaptive().readyShopHours());
		}
	}

}
