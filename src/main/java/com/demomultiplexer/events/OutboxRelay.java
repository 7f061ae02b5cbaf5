package com.demomultiplexer.events;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.leadership.LeaderLease;

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

	OutboxRelay(List<SinkRelay> sinks, LeaderLease lease) {
		this.sinks = sinks;
		this.lease = lease;
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

}
