package com.demomultiplexer.countdown;

import java.time.Instant;

/**
 * The data of the stream's events, as JSON.
 */
final class CountdownEvents {

	private CountdownEvents() {
	}

	/**
	 * Sent every second ({@code tick}) and when the expiry moved ({@code extended}).
	 *
	 * @param id the demo
	 * @param remainingSeconds whole seconds until it expires
	 * @param expiresAt when it expires
	 */
	record Remaining(String id, long remainingSeconds, Instant expiresAt) {
	}

	/**
	 * Sent last, as event {@code expired}, {@code released} or {@code failed}; then the
	 * stream closes.
	 *
	 * @param id the demo
	 * @param state how it ended
	 */
	record Ended(String id, String state) {
	}

}
