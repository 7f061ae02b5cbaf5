package com.demomultiplexer.events;

import java.time.Duration;

import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.store.OutboxStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Down while an event has waited for the webhook longer than the relay takes to try it
 * once more after its longest backoff: the receiver has then refused or ignored at least
 * one retry at full backoff. Read from the outbox in Valkey, so every replica tells the
 * same, not only the leader that delivers; the receiver itself is not called, since only
 * the relay should send it anything.
 */
class WebhookHealthIndicator extends AbstractHealthIndicator {

	private final WebhookEventPublisher webhook;

	private final OutboxStore outbox;

	private final Duration longestHealthyWait;

	WebhookHealthIndicator(WebhookEventPublisher webhook, OutboxStore outbox, EventsProperties events) {
		this.webhook = webhook;
		this.outbox = outbox;
		this.longestHealthyWait = events.relayBackoffMax().plus(events.webhookTimeout()).plus(events.relayInterval());
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		OutboxStore.Counts counts = this.outbox.counts();
		OutboxStore.Backlog backlog = counts.backlog(EventsProperties.WEBHOOK);
		builder.withDetail("url", this.webhook.url().toString())
			.withDetail("pending", backlog.pending())
			.withDetail("oldestWaitSeconds", backlog.oldestWait().toSeconds())
			.withDetail("dropped", counts.dropped());
		if (backlog.oldestWait().compareTo(this.longestHealthyWait) > 0) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
