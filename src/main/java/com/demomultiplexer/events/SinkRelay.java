package com.demomultiplexer.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.store.OutboxEntry;
import com.demomultiplexer.store.OutboxStore;
import com.demomultiplexer.system.ExponentialBackoff;

/**
 * Publishes the outbox to one sink (NATS or the webhook), oldest first, from where that
 * sink stopped. An event counts as published only once the sink acknowledged it, and the
 * first one it refuses stops the round, so the sink receives every event at least once
 * and in the order the transitions happened. After failures in a row the sink waits
 * longer and longer before its next try (EVENTS_RELAY_INTERVAL doubled each time, up to
 * EVENTS_RELAY_BACKOFF_MAX), by the injected clock.
 */
class SinkRelay {

	private static final Logger log = LoggerFactory.getLogger(SinkRelay.class);

	/** Events read from Valkey at once, and marked published at once. */
	static final int BATCH = 100;

	private final String sink;

	private final EventPublisher publisher;

	private final OutboxStore outbox;

	private final CloudEvents format;

	private final ExponentialBackoff backoff;

	private final Clock clock;

	private final Counter published;

	private final Counter failed;

	/** Attempts refused in a row; the first acknowledgement ends the run. */
	private int failures;

	private Instant nextAttempt = Instant.MIN;

	SinkRelay(String sink, EventPublisher publisher, OutboxStore outbox, CloudEvents format, ExponentialBackoff backoff,
			Clock clock, MeterRegistry meters) {
		this.sink = sink;
		this.publisher = publisher;
		this.outbox = outbox;
		this.format = format;
		this.backoff = backoff;
		this.clock = clock;
		this.published = Counter.builder("demo.events.published")
			.tag("sink", sink)
			.description("Lifecycle events published and acknowledged")
			.register(meters);
		this.failed = Counter.builder("demo.events.failed")
			.tag("sink", sink)
			.description("Attempts to publish a lifecycle event that were not acknowledged (it is tried again)")
			.register(meters);
	}

	/** Publishes what is waiting, unless backing off, for as long as {@code leading}. */
	void relay(BooleanSupplier leading) {
		if (this.clock.instant().isBefore(this.nextAttempt)) {
			return;
		}
		while (leading.getAsBoolean() && relayBatch()) {
			// A full batch went out: there may be more.
		}
	}

	String sink() {
		return this.sink;
	}

	/** Publishes the oldest batch; true when all of a full batch went out. */
	private boolean relayBatch() {
		List<OutboxEntry> batch = this.outbox.unpublished(this.sink, BATCH);
		OutboxEntry last = null;
		try {
			for (OutboxEntry entry : batch) {
				publishOrSkip(entry);
				last = entry;
			}
		}
		catch (RuntimeException ex) {
			if (last != null) {
				// Events went out before this one was refused: a new run of failures.
				acknowledged();
			}
			refused(ex);
			return false;
		}
		finally {
			if (last != null) {
				this.outbox.published(this.sink, last);
			}
		}
		if (last != null) {
			acknowledged();
		}
		return batch.size() == BATCH;
	}

	/**
	 * Publishes one event. An entry that is no event (a field missing or malformed, as a
	 * script of another version might write) is logged and passed over: trying it again
	 * would stop this sink for good.
	 */
	private void publishOrSkip(OutboxEntry entry) {
		CloudEvent event;
		try {
			event = this.format.of(entry);
		}
		catch (RuntimeException ex) {
			log.error("Outbox entry {} is no lifecycle event, passed over for {}: {} ({})", entry.entryId(), this.sink,
					entry.fields(), ex.toString());
			return;
		}
		this.publisher.publish(event);
		this.published.increment();
	}

	private void refused(RuntimeException ex) {
		this.failed.increment();
		this.failures++;
		this.nextAttempt = this.clock.instant().plus(this.backoff.after(this.failures));
		if (this.failures == 1) {
			log.warn("Cannot publish lifecycle events to {}; they wait in the outbox: {}", this.sink, ex.toString());
		}
	}

	private void acknowledged() {
		if (this.failures > 0) {
			log.info("Publishing lifecycle events to {} again after {} failed attempts", this.sink, this.failures);
		}
		this.failures = 0;
		this.nextAttempt = Instant.MIN;
	}

}
