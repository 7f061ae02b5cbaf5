package com.demomultiplexer.sizing;

import com.demomultiplexer.sizing.PoolSimulation.Outcome;
import com.demomultiplexer.sizing.PoolSimulation.Trace;

/**
 * Adaptive sizing on a trace of {@link SizingScenarios}, beside the smallest fixed target
 * that refuses no more arrivals and the largest that keeps ready shops waiting no longer.
 */
public record SizingComparison(Outcome adaptive, Outcome asFewRefused, Outcome asFewIdle) {

	public static SizingComparison on(Trace trace) {
		PoolSimulation simulation = new PoolSimulation(SizingScenarios.WARMUPS, SizingScenarios.CONCURRENCY, 7);
		Outcome adaptive = simulation.adaptive(trace, SizingScenarios.RULES, SizingScenarios.BUCKETS,
				SizingScenarios.WARMUP_TIMEOUT);
		int ceiling = SizingScenarios.RULES.maxSize();
		return new SizingComparison(adaptive, simulation.fewestIdleRefusingAtMost(trace, adaptive.refused(), ceiling),
				simulation.fewestRefusedIdlingAtMost(trace, adaptive.readyShopHours(), ceiling));
	}

}
