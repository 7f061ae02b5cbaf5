package com.demomultiplexer.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.demomultiplexer.system.Sleeper;

/**
 * A clock that moves only when a test advances it or the code under test sleeps on it, so
 * polling loops and backoffs are tested without waiting.
 */
public final class SteppingClock extends Clock implements Sleeper {

	private Instant now = Instant.parse("2026-11-26T10:00:00Z");

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public void sleep(Duration duration) {
		advance(duration);
	}

	@Override
	public synchronized Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
