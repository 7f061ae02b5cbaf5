package com.demomultiplexer.countdown;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open status stream of one demo.
 */
final class Countdown {

	private final InstanceId id;

	private final SseEmitter emitter;

	private volatile Instant expiresAt;

	Countdown(InstanceId id, Instant expiresAt, SseEmitter emitter) {
		this.id = id;
		this.expiresAt = expiresAt;
		this.emitter = emitter;
	}

	InstanceId id() {
		return this.id;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	void tick(Instant now) throws IOException {
		sendRemaining("tick", now);
	}

	void extended(Instant newExpiry, Instant now) throws IOException {
		this.expiresAt = newExpiry;
		sendRemaining("extended", now);
	}

	void heartbeat() throws IOException {
		this.emitter.send(SseEmitter.event().comment("keep-alive"));
	}

	/** Sends the final event and closes the stream. */
	void ended(InstanceState state) throws IOException {
		this.emitter.send(SseEmitter.event()
			.name(state.key())
			.data(new CountdownEvents.Ended(this.id.value(), state.key()), MediaType.APPLICATION_JSON));
		this.emitter.complete();
	}

	private void sendRemaining(String name, Instant now) throws IOException {
		Instant expiry = this.expiresAt;
		long remaining = Math.max(0, (Duration.between(now, expiry).toMillis() + 999) / 1000);
		this.emitter.send(SseEmitter.event()
			.name(name)
			.data(new CountdownEvents.Remaining(this.id.value(), remaining, expiry), MediaType.APPLICATION_JSON));
	}

}
