package com.demomultiplexer.events;

import java.util.List;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.OutboxEntry;
import com.demomultiplexer.store.OutboxStore;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the outbox, oldest first, on the leader only. An event leaves the outbox only
 * after the publisher acknowledged it, so every event is published at least once: a relay
 * killed between the acknowledgement and the removal, or a new leader taking over,
 * publishes it again under the same id. The relay runs on its own schedule, so acquires
 * and warm-ups never wait for NATS; while NATS is away events wait in the outbox (up to
 * its bound).
 */
class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Events read from Valkey at once, and removed at once once published. */
	static final int BATCH = 100;

	private final OutboxStore outbox;

	private final EventPublisher publisher;

	private final CloudEvents format;

	private final LeaderLease lease;

	private final Counter published;

	private final Counter failed;

	/** Whether the last attempt failed: its failure is logged once, not every round. */
	private boolean failing;

	OutboxRelay(OutboxStore outbox, EventPublisher publisher, CloudEvents format, LeaderLease lease,
			MeterRegistry meters) {
		this.outbox = outbox;
		this.publisher = publisher;
		this.format = format;
		this.lease = lease;
		this.published = Counter.builder("demo.events.published")
			.description("Lifecycle events published and acknowledged")
			.register(meters);
		this.failed = Counter.builder("demo.events.failed")
			.description("Attempts to publish a lifecycle event that were not acknowledged (it is tried again)")
			.register(meters);
		Gauge.builder("demo.events.pending", this, (relay) -> relay.count(OutboxStore.Counts::pending))
			.description("Lifecycle events in the outbox, not yet published")
			.register(meters);
		Gauge.builder("demo.events.dropped", this, (relay) -> relay.count(OutboxStore.Counts::dropped))
			.description("Lifecycle events the outbox's bound dropped before they were published")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${events.relay-interval}")
	void relay() {
		try {
			while (this.lease.isLeader() && relayBatch()) {
				// A full batch went out: there may be more.
			}
		}
		catch (RuntimeException ex) {
			// Valkey does not answer: the events wait where they are.
			log.warn("Cannot read or trim the events' outbox: {}", ex.toString());
		}
	}

	/** Publishes the oldest batch; true when all of a full batch went out. */
	private boolean relayBatch() {
		List<OutboxEntry> batch = this.outbox.oldest(BATCH);
		OutboxEntry last = null;
		try {
			for (OutboxEntry entry : batch) {
				this.publisher.publish(this.format.of(entry));
				this.published.increment();
				last = entry;
			}
			if (this.failing && last != null) {
				this.failing = false;
				log.info("Publishing lifecycle events again");
			}
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			if (!this.failing) {
				this.failing = true;
				log.warn("Cannot publish lifecycle events; they wait in the outbox: {}", ex.toString());
			}
			return false;
		}
		finally {
			if (last != null) {
				this.outbox.relayedUpTo(last);
			}
		}
		return batch.size() == BATCH;
	}

	/** NaN while Valkey does not answer: unknown, not stale. */
	private double count(ToLongFunction<OutboxStore.Counts> count) {
		try {
			return count.applyAsLong(this.outbox.counts());
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

}
