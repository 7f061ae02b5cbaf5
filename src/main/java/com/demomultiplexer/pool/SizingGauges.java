package com.demomultiplexer.pool;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.demomultiplexer.sizing.PoolSizer.Decision;
import com.demomultiplexer.store.SizingStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What adaptive sizing measured and how safe its target is, on every replica, from the
 * leader's latest decision in Valkey ({@code demo_pool_target} is the target itself).
 */
@Component
@ConditionalOnProperty(name = "pool.sizing.target-mode", havingValue = "adaptive")
class SizingGauges {

	SizingGauges(SizingStore sizing, MeterRegistry meters) {
		register(meters, sizing, "demo.pool.arrival.rate", "Acquires per minute the adaptive target is sized for",
				(decision) -> decision.demand().arrivalsPerSecond() * 60);
		register(meters, sizing, "demo.pool.empty.risk",
				"The chance that an acquire finds the pool empty at the adaptive target", Decision::emptyRisk);
	}

	private static void register(MeterRegistry meters, SizingStore sizing, String name, String description,
			ToDoubleFunction<Decision> value) {
		Gauge.builder(name, sizing, (store) -> {
			try {
				return store.decision().map(value::applyAsDouble).orElse(Double.NaN);
			}
			catch (RuntimeException ex) {
				// Valkey does not answer: unknown, not stale.
				return Double.NaN;
			}
		}).description(description).register(meters);
	}

}
