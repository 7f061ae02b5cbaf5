package com.demomultiplexer.sizing;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.sizing.PoolSimulation.Outcome;
import com.demomultiplexer.sizing.PoolSimulation.Trace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive sizing against every fixed target, with hindsight, on the same traces (a
 * steady day, a campaign spike of twenty times the rate within a minute, a night lull):
 * no fixed target both refuses no more arrivals and keeps fewer ready shops waiting;
 * where demand changes, one that refuses no more keeps far more waiting.
 */
class SizingSimulationTest {

	@Test
	void noFixedTargetRefusesNoMoreAndKeepsFewerShopsIdleThanAdaptiveSizing() {
		for (Trace trace : SizingScenarios.traces()) {
			SizingComparison comparison = SizingComparison.on(trace);

			assertThat(comparison.asFewRefused().readyShopHours())
				.as(trace.name() + ": a fixed target refusing no more")
				.isGreaterThanOrEqualTo(comparison.adaptive().readyShopHours());
			assertThat(comparison.asFewIdle().refused()).as(trace.name() + ": a fixed target idling no more")
				.isGreaterThanOrEqualTo(comparison.adaptive().refused());
		}
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
