package com.demomultiplexer.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.demomultiplexer.store.OutboxStore;

/**
 * The outbox's gauges: each sink's backlog and the events its bound dropped. A scrape
 * reads them all, and they come from one count in Valkey (a script), so that count is
 * taken once and reused for a second rather than once per gauge.
 */
class OutboxGauges {

	private static final Duration FRESH_FOR = Duration.ofSeconds(1);

	private final OutboxStore outbox;

	private final Clock clock;

	private OutboxStore.Counts snapshot;

	private Instant takenAt = Instant.MIN;

	OutboxGauges(OutboxStore outbox, List<String> sinks, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.clock = clock;
		for (String sink : sinks) {
			Gauge
				.builder("demo.events.pending", this,
						(gauges) -> gauges.current((counts) -> counts.backlog(sink).pending()))
				.tag("sink", sink)
				.description("Lifecycle events in the outbox that this sink has not published yet")
				.register(meters);
		}
		Gauge.builder("demo.events.dropped", this, (gauges) -> gauges.current(OutboxStore.Counts::dropped))
			.description("Lifecycle events the outbox's bound dropped before every sink published them")
			.register(meters);
	}

	/** NaN while Valkey does not answer: unknown, not stale. */
	private synchronized double current(ToDoubleFunction<OutboxStore.Counts> count) {
		Instant now = this.clock.instant();
		if (now.isAfter(this.takenAt.plus(FRESH_FOR))) {
			try {
				this.snapshot = this.outbox.counts();
			}
			catch (RuntimeException ex) {
				this.snapshot = null;
			}
			this.takenAt = now;
		}
		return (this.snapshot != null) ? count.applyAsDouble(this.snapshot) : Double.NaN;
	}

}
