package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.store.StoreUnavailableException;

import org.springframework.stereotype.Component;

/**
 * {@code demo_instances{state}} and {@code demo_pool_target}: the pool at a glance for
 * dashboards and alerts. The counts come from one Valkey snapshot, taken at most once a
 * second however often and by however many scrapers they are read; while Valkey is down
 * they are NaN, not stale.
 */
@Component
class InstanceGauges {

	private static final Duration FRESH_FOR = Duration.ofSeconds(1);

	private final InstanceRepository instances;

	private final Clock clock;

	private PoolCounts snapshot;

	private Instant takenAt = Instant.MIN;

	InstanceGauges(InstanceRepository instances, PoolControls controls, MeterRegistry meters, Clock clock) {
		this.instances = instances;
		this.clock = clock;
		register(meters, "ready", PoolCounts::ready);
		register(meters, "warming", PoolCounts::warming);
		register(meters, "assigned", PoolCounts::assigned);
		register(meters, "ending", PoolCounts::ending);
		Gauge.builder("demo.pool.target", controls, PoolControls::target)
			.description("Ready shops the replenisher aims for")
			.register(meters);
	}

	private void register(MeterRegistry meters, String state, ToLongFunction<PoolCounts> count) {
		Gauge.builder("demo.instances", this, (gauges) -> gauges.current(count))
			.description("Shops by state")
			.tag("state", state)
			.register(meters);
	}

	private synchronized double current(ToLongFunction<PoolCounts> count) {
		Instant now = this.clock.instant();
		if (now.isAfter(this.takenAt.plus(FRESH_FOR))) {
			try {
				this.snapshot = this.instances.counts();
			}
			catch (StoreUnavailableException ex) {
				this.snapshot = null;
			}
			this.takenAt = now;
		}
		return (this.snapshot != null) ? count.applyAsLong(this.snapshot) : Double.NaN;
	}

}
