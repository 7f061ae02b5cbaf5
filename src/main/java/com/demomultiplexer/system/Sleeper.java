package com.demomultiplexer.system;

import java.time.Duration;

/**
 * Waits between polls. Injected beside a {@link java.time.Clock} so tests of polling
 * loops never really wait.
 */
@FunctionalInterface
public interface Sleeper {

	Sleeper THREAD = (duration) -> Thread.sleep(duration);

	void sleep(Duration duration) throws InterruptedException;

}
