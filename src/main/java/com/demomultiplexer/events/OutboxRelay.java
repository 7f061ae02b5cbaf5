package com.demomultiplexer.events;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.leadership.LeaderLease;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Relays the outbox to every configured sink, on the leader only, so that with several
 * replicas exactly one publishes at a time. Each sink keeps its own position in the
 * outbox and its own schedule, so one that is down or slow to answer holds back only
 * itself. An event leaves the outbox only after every sink acknowledged it, so every
 * event is published at least once: a relay killed between an acknowledgement and its
 * record, or a new leader taking over, publishes it again under the same id. The relay
 * runs on its own schedule, so acquires and warm-ups never wait for a sink; while one is
 * away its events wait in the outbox (up to its bound).
 */
class OutboxRelay implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final List<SinkRelay> sinks;

	private final LeaderLease lease;

	private final Duration interval;

	OutboxRelay(List<SinkRelay> sinks, LeaderLease lease, Duration interval) {
		this.sinks = sinks;
		this.lease = lease;
		this.interval = interval;
	}

	/**
	 * One task per sink, each EVENTS_RELAY_INTERVAL after its last round ended: a webhook
	 * that takes its whole timeout to answer does not delay NATS.
	 */
	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		for (SinkRelay sink : this.sinks) {
			tasks.addFixedDelayTask(() -> relay(sink), this.interval);
		}
	}

	private void relay(SinkRelay sink) {
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
