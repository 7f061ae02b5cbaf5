package com.demomultiplexer.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Lifecycle events (README, "Events"): the transition scripts append each one to an
 * outbox in Valkey, and the leader relays them to NATS JetStream, to a signed webhook, or
 * to both. Events are off while neither is set, and then the scripts write no outbox at
 * all.
 *
 * @param natsUrl EVENTS_NATS_URL: the NATS server (e.g. {@code nats://127.0.0.1:4222});
 * empty: no NATS
 * @param outboxMaxLength EVENTS_OUTBOX_MAX_LENGTH: about how many events the outbox keeps
 * while they cannot be relayed; beyond it the oldest are dropped
 * @param relayInterval EVENTS_RELAY_INTERVAL: the pause between the relay's rounds, and
 * its first pause after a failure
 * @param relayBackoffMax EVENTS_RELAY_BACKOFF_MAX: the longest pause after failures; each
 * failure in a row doubles the pause up to it
 * @param natsTimeout EVENTS_NATS_TIMEOUT: longest wait for NATS to connect or to
 * acknowledge one event
 * @param webhookUrl EVENTS_WEBHOOK_URL: an http or https URL that receives every event as
 * a signed POST; empty: no webhook
 * @param webhookSecret EVENTS_WEBHOOK_SECRET: the signing key in the Standard Webhooks
 * form, {@code whsec_} and the base64 of 24 to 64 random bytes; required with the URL
 * @param webhookTimeout EVENTS_WEBHOOK_TIMEOUT: longest wait for the receiver to connect
 * and answer one event
 */
@Validated
@ConfigurationProperties("events")
public record EventsProperties(
		@NotNull @Pattern(regexp = "(nats|tls)://\\S+|",
				message = "must be empty or a nats:// or tls:// URL") String natsUrl,
		@Min(1) int outboxMaxLength, @NotNull Duration relayInterval, @NotNull Duration relayBackoffMax,
		@NotNull Duration natsTimeout,
		@NotNull @Pattern(regexp = "https?://[^\\s/?#]+\\S*|",
				message = "must be empty or an http:// or https:// URL") String webhookUrl,
		@NotNull String webhookSecret, @NotNull Duration webhookTimeout) {

	/** The sink names, as in metrics' {@code sink} tag and the outbox's cursors. */
	public static final String NATS = "nats";

	public static final String WEBHOOK = "webhook";

	private static final String SECRET_PREFIX = "whsec_";

	public boolean enabled() {
		return !sinks().isEmpty();
	}

	/** The configured sinks, NATS first; each relays the outbox on its own. */
	public List<String> sinks() {
		List<String> sinks = new ArrayList<>();
		if (!this.natsUrl.isEmpty()) {
			sinks.add(NATS);
		}
		if (!this.webhookUrl.isEmpty()) {
			sinks.add(WEBHOOK);
		}
		return sinks;
	}

	/**
	 * What the scripts get as the outbox's bound: 0 when events are off, so that they
	 * write nothing nobody would read.
	 */
	public int outboxBound() {
		return enabled() ? this.outboxMaxLength : 0;
	}

	/** The key the webhook's signatures are made with. */
	public byte[] webhookKey() {
		return Base64.getDecoder().decode(this.webhookSecret.substring(SECRET_PREFIX.length()));
	}

	@AssertTrue(message = "EVENTS_WEBHOOK_SECRET must be whsec_ and the base64 of 24 to 64 random bytes"
			+ " (e.g. whsec_$(openssl rand -base64 32)) when EVENTS_WEBHOOK_URL is set")
	public boolean isWebhookSecretUsable() {
		if (this.webhookUrl.isEmpty()) {
			return true;
		}
		if (!this.webhookSecret.startsWith(SECRET_PREFIX)) {
			return false;
		}
		try {
			int length = webhookKey().length;
			return length >= 24 && length <= 64;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The secret stays out of logs and failure messages. */
	@Override
	public String toString() {
		return "EventsProperties[natsUrl=" + this.natsUrl + ", outboxMaxLength=" + this.outboxMaxLength
				+ ", relayInterval=" + this.relayInterval + ", relayBackoffMax=" + this.relayBackoffMax
				+ ", natsTimeout=" + this.natsTimeout + ", webhookUrl=" + this.webhookUrl + ", webhookSecret="
				+ (this.webhookSecret.isEmpty() ? "" : "(set)") + ", webhookTimeout=" + this.webhookTimeout + "]";
	}

}
