package com.demomultiplexer.pool;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.domain.InstanceState;

import org.springframework.stereotype.Component;

/**
 * The pool's meters. Tags are low-cardinality outcomes and reasons, never instance ids.
 */
@Component
class PoolMetrics {

	private final MeterRegistry registry;

	private final Map<String, Timer> acquireTimers = new ConcurrentHashMap<>();

	PoolMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** outcome: hit, empty, rate_limited or error. */
	void acquired(Duration took, String outcome) {
		// On the hottest path: look the timer up once per outcome, not once per acquire.
		this.acquireTimers
			.computeIfAbsent(outcome,
					(name) -> Timer.builder("demo.acquire")
						.description("Server-side acquire latency, by outcome")
						.tag("outcome", name)
						.publishPercentileHistogram()
						.register(this.registry))
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

	/** reason: user (released), ttl (expired) or failed. */
	void released(InstanceState ending) {
		String reason = switch (ending) {
			case RELEASED -> "user";
			case EXPIRED -> "ttl";
			default -> "failed";
		};
		Counter.builder("demo.releases")
			.description("Shops destroyed, by why: user, ttl, failed, orphan")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
