package com.demomultiplexer.events;

import io.micrometer.core.instrument.MeterRegistry;

import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.OutboxStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay, its NATS publisher and NATS's health, only when EVENTS_NATS_URL is set
 * (events off: the scripts write no outbox either, see {@link EventsProperties}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${events.nats-url:}'.isEmpty()")
class EventsConfiguration {

	@Bean
	NatsEventPublisher natsEventPublisher(EventsProperties events, DeploymentProperties deployment) {
		return new NatsEventPublisher(events.natsUrl(), events.natsTimeout(), deployment.name());
	}

	@Bean
	OutboxRelay outboxRelay(OutboxStore outbox, NatsEventPublisher nats, DeploymentProperties deployment,
			LeaderLease lease, MeterRegistry meters) {
		return new OutboxRelay(outbox, nats, new CloudEvents(deployment.name()), lease, meters);
	}

	@Bean
	NatsHealthIndicator natsHealthIndicator(NatsEventPublisher nats, OutboxStore outbox) {
		return new NatsHealthIndicator(nats, outbox);
	}

}
