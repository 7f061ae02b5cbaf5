package com.demomultiplexer.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.EventsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures as the Standard Webhooks specification makes them, checked against its
 * published test vector, so that receivers can verify deliveries with that
 * specification's libraries.
 */
class WebhookSignatureTest {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	@Test
	void reproducesTheSpecificationsTestVector() {
		WebhookSignature signature = new WebhookSignature(events(SECRET).webhookKey());

		assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
		assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, BODY)).as("another timestamp")
			.isNotEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aSecretMustBeWhsecAndTheBase64OfTwentyFourToSixtyFourBytes() {
		assertThat(events(SECRET).isWebhookSecretUsable()).isTrue();
		assertThat(events("whsec_" + "A".repeat(86) + "==").isWebhookSecretUsable()).as("64 bytes").isTrue();
		assertThat(events("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").isWebhookSecretUsable()).as("no prefix").isFalse();
		assertThat(events("whsec_c2hvcnQ=").isWebhookSecretUsable()).as("5 bytes").isFalse();
		assertThat(events("whsec_" + "A".repeat(88)).isWebhookSecretUsable()).as("66 bytes").isFalse();
		assertThat(events("whsec_not base64!").isWebhookSecretUsable()).as("not base64").isFalse();
		assertThat(events("").isWebhookSecretUsable()).as("none").isFalse();
	}

	@Test
	void theSecretStaysOutOfTheSettingsText() {
		assertThat(events(SECRET).toString()).doesNotContain("MfKQ9r8G").contains("webhookSecret=(set)");
	}

	private static EventsProperties events(String secret) {
		return new EventsProperties("", 10_000, Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(2),
				"https://crm.example/hooks/demo", secret, Duration.ofSeconds(5));
	}

}
