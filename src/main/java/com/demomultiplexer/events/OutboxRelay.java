package com.demomultiplexer.events;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.OutboxStore;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Relays the outbox to every configured sink, on the leader only, so that with several
 * replicas exactly one publishes at a time. Each sink keeps its own position in the
 * outbox, so one that is down holds back only itself. An event leaves the outbox only
 * after every sink acknowledged it, so every event is published at least once: a relay
 * killed between an acknowledgement and its record, or a new leader taking over,
 * publishes it again under the same id. The relay runs on its own schedule, so acquires
 * and warm-ups never wait for a sink; while one is away its events wait in the outbox (up
 * to its bound).
 */
class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final List<SinkRelay> sinks;

	private final LeaderLease lease;

	OutboxRelay(List<SinkRelay> sinks, OutboxStore outbox, LeaderLease lease, MeterRegistry meters) {
		this.sinks = sinks;
		this.lease = lease;
		Gauge.builder("demo.events.dropped", outbox, OutboxRelay::dropped)
			.description("Lifecycle events the outbox's bound dropped before every sink published them")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${events.relay-interval}")
	void relay() {
		for (SinkRelay sink : this.sinks) {
			if (!this.lease.isLeader()) {
				return;
			}
			try {
				sink.relay(this.lease::isLeader);
			}
			catch (RuntimeException ex) {
				// Valkey does not answer: the events wait where they are.
				log.warn("Cannot read the events' outbox for {}: {}", sink.sink(), ex.toString());
			}
		}
	}

	/** NaN while Valkey does not answer: unknown, not stale. */
	private static double dropped(OutboxStore outbox) {
		try {
			return outbox.counts().dropped();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

}
