package com.demomultiplexer.events;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.OutboxStore;
import com.demomultiplexer.system.ExponentialBackoff;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay, its sinks and their health, only when EVENTS_NATS_URL or EVENTS_WEBHOOK_URL
 * is set (events off: the scripts write no outbox either, see {@link EventsProperties}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(EventsConfiguration.EVENTS_ON)
class EventsConfiguration {

	static final String NATS_ON = "!'${events.nats-url:}'.isEmpty()";

	static final String WEBHOOK_ON = "!'${events.webhook-url:}'.isEmpty()";

	static final String EVENTS_ON = NATS_ON + " or " + WEBHOOK_ON;

	@Bean
	@ConditionalOnExpression(NATS_ON)
	NatsEventPublisher natsEventPublisher(EventsProperties events, DeploymentProperties deployment) {
		return new NatsEventPublisher(events.natsUrl(), events.natsTimeout(), deployment.name());
	}

	@Bean
	@ConditionalOnExpression(WEBHOOK_ON)
	WebhookEventPublisher webhookEventPublisher(EventsProperties events, Clock clock) {
		return new WebhookEventPublisher(URI.create(events.webhookUrl()), new WebhookSignature(events.webhookKey()),
				events.webhookTimeout(), clock);
	}

	@Bean
	OutboxRelay outboxRelay(ObjectProvider<NatsEventPublisher> nats, ObjectProvider<WebhookEventPublisher> webhook,
			OutboxStore outbox, EventsProperties events, DeploymentProperties deployment, LeaderLease lease,
			Clock clock, MeterRegistry meters) {
		CloudEvents format = new CloudEvents(deployment.name());
		ExponentialBackoff backoff = new ExponentialBackoff(events.relayInterval(), events.relayBackoffMax());
		List<SinkRelay> sinks = new ArrayList<>();
		nats.ifAvailable((publisher) -> sinks
			.add(new SinkRelay(EventsProperties.NATS, publisher, outbox, format, backoff, clock, meters)));
		webhook.ifAvailable((publisher) -> sinks
			.add(new SinkRelay(EventsProperties.WEBHOOK, publisher, outbox, format, backoff, clock, meters)));
		return new OutboxRelay(sinks, lease, events.relayInterval());
	}

	@Bean
	OutboxGauges outboxGauges(OutboxStore outbox, EventsProperties events, Clock clock, MeterRegistry meters) {
		return new OutboxGauges(outbox, events.sinks(), clock, meters);
	}

	@Bean
	@ConditionalOnExpression(NATS_ON)
	NatsHealthIndicator natsHealthIndicator(NatsEventPublisher nats, OutboxStore outbox) {
		return new NatsHealthIndicator(nats, outbox);
	}

	@Bean
	@ConditionalOnExpression(WEBHOOK_ON)
	WebhookHealthIndicator webhookHealthIndicator(WebhookEventPublisher webhook, OutboxStore outbox,
			EventsProperties events) {
		return new WebhookHealthIndicator(webhook, outbox, events);
	}

}
