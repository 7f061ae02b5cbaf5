package com.demomultiplexer.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;

/**
 * Delivers each event to EVENTS_WEBHOOK_URL as a signed POST of its CloudEvents JSON
 * (README, "Events"). Any 2xx answer acknowledges it; anything else, a redirect included,
 * or no answer within EVENTS_WEBHOOK_TIMEOUT, leaves it in the outbox for the relay to
 * try again. Every attempt is signed afresh with the current time, so a receiver that
 * refuses old timestamps still takes a retry.
 */
class WebhookEventPublisher implements EventPublisher, DisposableBean {

	private final URI url;

	private final WebhookSignature signature;

	private final Duration timeout;

	private final Clock clock;

	private final HttpClient http;

	WebhookEventPublisher(URI url, WebhookSignature signature, Duration timeout, Clock clock) {
		this.url = url;
		this.signature = signature;
		this.timeout = timeout;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public void publish(CloudEvent event) {
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", CloudEvent.CONTENT_TYPE)
			.header("webhook-id", event.id())
			.header("webhook-timestamp", String.valueOf(timestamp))
			.header("webhook-signature", this.signature.sign(event.id(), timestamp, event.json()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(event.json()))
			.build();
		int status;
		try {
			status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new EventPublishException("The webhook did not answer event " + event.id(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EventPublishException("Interrupted while delivering event " + event.id(), ex);
		}
		if (status < 200 || status > 299) {
			throw new EventPublishException("The webhook answered " + status + " to event " + event.id(), null);
		}
	}

	URI url() {
		return this.url;
	}

	@Override
	public void destroy() {
		this.http.close();
	}

}
