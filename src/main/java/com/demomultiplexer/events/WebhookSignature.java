package com.demomultiplexer.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook delivery the Standard Webhooks way (standardwebhooks.com, the scheme
 * Svix and others use, close to Stripe's): HMAC-SHA256 over
 * {@code <id>.<timestamp>.<body>}, sent as {@code webhook-signature: v1,<base64>}. The
 * timestamp inside the signature lets a receiver refuse replays of old deliveries; the id
 * lets it drop the duplicates that at-least-once delivery brings.
 */
final class WebhookSignature {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	WebhookSignature(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/** The {@code webhook-signature} header's value for this delivery. */
	String sign(String id, long epochSeconds, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update((id + "." + epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is in every Java runtime.
			throw new IllegalStateException(ex);
		}
	}

}
