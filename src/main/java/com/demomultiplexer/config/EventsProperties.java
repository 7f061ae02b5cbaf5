package com.demomultiplexer.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Lifecycle events (README, "Events"): the transition scripts append each one to an
 * outbox in Valkey, and the leader relays them to NATS JetStream.
 *
 * @param natsUrl EVENTS_NATS_URL: the NATS server (e.g. {@code nats://127.0.0.1:4222});
 * empty turns events off, and then the scripts write no outbox at all
 * @param outboxMaxLength EVENTS_OUTBOX_MAX_LENGTH: about how many events the outbox keeps
 * while they cannot be relayed; beyond it the oldest are dropped
 * @param relayInterval EVENTS_RELAY_INTERVAL: the pause between the relay's rounds
 * @param natsTimeout EVENTS_NATS_TIMEOUT: longest wait for NATS to connect or to
 * acknowledge one event
 */
@Validated
@ConfigurationProperties("events")
public record EventsProperties(
		@NotNull @Pattern(regexp = "(nats|tls)://\\S+|",
				message = "must be empty or a nats:// or tls:// URL") String natsUrl,
		@Min(1) int outboxMaxLength, @NotNull Duration relayInterval, @NotNull Duration natsTimeout) {

	public boolean enabled() {
		return !this.natsUrl.isEmpty();
	}

	/**
	 * What the scripts get as the outbox's bound: 0 when events are off, so that they
	 * write nothing nobody would read.
	 */
	public int outboxBound() {
		return enabled() ? this.outboxMaxLength : 0;
	}

}
