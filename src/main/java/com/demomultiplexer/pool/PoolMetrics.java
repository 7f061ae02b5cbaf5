package com.demomultiplexer.pool;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.store.AcquireResult;

import org.springframework.stereotype.Component;

/**
 * The pool's meters. Tags are low-cardinality outcomes and reasons, never instance ids.
 */
@Component
class PoolMetrics {

	private final MeterRegistry registry;

	PoolMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void acquired(Duration took, AcquireResult result) {
		String outcome = switch (result) {
			case AcquireResult.Granted granted -> "hit";
			case AcquireResult.Limited limited -> "rate_limited";
			case AcquireResult.Empty empty -> "empty";
		};
		Timer.builder("demo.acquire")
			.description("Server-side acquire latency, by outcome")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(took);
	}

	void warmedUp(Duration took) {
		Timer.builder("demo.warmup")
			.description("Time from reserving a port to a ready, routed shop")
			.publishPercentileHistogram()
			.register(this.registry)
			.record(took);
	}

	void warmupFailed(WarmupFailedException.Reason reason) {
		Counter.builder("demo.warmup.failures")
			.description("Warm-ups that did not produce a ready shop, by reason")
			.tag("reason", reason.name().toLowerCase())
			.register(this.registry)
			.increment();
	}

	void extended() {
		Counter.builder("demo.extensions")
			.description("Demos extended by their owner")
			.register(this.registry)
			.increment();
	}

	void tornDown(InstanceState ending) {
		Counter.builder("demo.teardowns")
			.description("Shops destroyed, by the way they ended")
			.tag("reason", ending.key())
			.register(this.registry)
			.increment();
	}

}
