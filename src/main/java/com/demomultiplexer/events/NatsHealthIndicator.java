package com.demomultiplexer.events;

import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.store.OutboxStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when NATS answers, on every replica (the one that leads relays); with NATS's backlog
 * in the outbox, which grows while NATS is away and drains when it returns.
 */
class NatsHealthIndicator extends AbstractHealthIndicator {

	private final NatsEventPublisher nats;

	private final OutboxStore outbox;

	NatsHealthIndicator(NatsEventPublisher nats, OutboxStore outbox) {
		this.nats = nats;
		this.outbox = outbox;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", this.nats.url()).withDetail("stream", this.nats.stream());
		OutboxStore.Counts counts = this.outbox.counts();
		builder.withDetail("pending", counts.backlog(EventsProperties.NATS).pending())
			.withDetail("dropped", counts.dropped());
		builder.withDetail("rttMillis", this.nats.ping().toMillis());
		builder.up();
	}

}
