package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.sizing.PoolSimulation.Outcome;
import com.demomultiplexer.sizing.PoolSimulation.Phase;
import com.demomultiplexer.sizing.PoolSimulation.Trace;
import com.demomultiplexer.sizing.PoolSimulation.WarmupModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive sizing against every fixed target, with hindsight, on the same traces (a
 * steady day, a campaign spike of twenty times the rate within a minute, a night lull):
 * no fixed target both refuses no more arrivals and keeps fewer ready shops waiting;
 * where demand changes, one that refuses no more keeps far more waiting.
 */
class SizingSimulationTest {

	static final WarmupModel WARMUPS = new WarmupModel(Duration.ofSeconds(30), 0.3);

	static final SizingRules RULES = new SizingRules(0.01, 1, 40, 2, Duration.ofSeconds(1));

	static final ArrivalBuckets BUCKETS = new ArrivalBuckets(Duration.ofMinutes(1), Duration.ofMinutes(15));

	static final Duration WARMUP_TIMEOUT = Duration.ofMinutes(2);

	static final int CONCURRENCY = 8;

	static List<Trace> traces() {
		Duration hour = Duration.ofHours(1);
		return List.of(Trace.of("steady day", 1, new Phase(hour.multipliedBy(12), 0.5)),
				Trace.of("campaign spike", 2, new Phase(hour.multipliedBy(2), 0.5),
						new Phase(Duration.ofMinutes(30), 10), new Phase(hour.multipliedBy(2), 0.5)),
				Trace.of("night lull", 3, new Phase(hour.multipliedBy(2), 0.5), new Phase(hour.multipliedBy(8), 0.02),
						new Phase(hour.multipliedBy(2), 0.5)));
	}

	@Test
	void noFixedTargetRefusesNoMoreAndKeepsFewerShopsIdleThanAdaptiveSizing() {
		for (Trace trace : traces()) {
			PoolSimulation simulation = new PoolSimulation(WARMUPS, CONCURRENCY, 7);
			Outcome adaptive = simulation.adaptive(trace, RULES, BUCKETS, WARMUP_TIMEOUT);
			Outcome asFewRefused = simulation.fewestIdleRefusingAtMost(trace, adaptive.refused(), RULES.maxSize());
			Outcome asFewIdle = simulation.fewestRefusedIdlingAtMost(trace, adaptive.readyShopHours(), RULES.maxSize());

			assertThat(asFewRefused.readyShopHours()).as(trace.name() + ": a fixed target refusing no more")
				.isGreaterThanOrEqualTo(adaptive.readyShopHours());
			assertThat(asFewIdle.refused()).as(trace.name() + ": a fixed target idling no more")
				.isGreaterThanOrEqualTo(adaptive.refused());
		}
	}

	@Test
	void whereDemandChangesAFixedTargetPaysForAdaptiveSizingsRefusalsInIdleShops() {
		for (Trace trace : traces().subList(1, 3)) {
			PoolSimulation simulation = new PoolSimulation(WARMUPS, CONCURRENCY, 7);
			Outcome adaptive = simulation.adaptive(trace, RULES, BUCKETS, WARMUP_TIMEOUT);
			Outcome asFewRefused = simulation.fewestIdleRefusingAtMost(trace, adaptive.refused(), RULES.maxSize());

			assertThat(asFewRefused.readyShopHours()).as(trace.name()).isGreaterThan(1.5 * adaptive.readyShopHours());
		}
	}

}
