package com.demomultiplexer.container;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one call of the engine's API on a virtual thread of its own and gives up at
 * CONTAINER_ENGINE_TIMEOUT. docker-java's response timeout does not reach the Unix socket
 * (on Java 16 and later it reads through a channel that ignores it), so a hung engine
 * would otherwise hold a warm-up, a teardown or the replenisher's thread forever. Giving
 * up interrupts the call, which closes its connection.
 */
final class EngineDeadline implements AutoCloseable {

	private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

	private final Duration timeout;

	EngineDeadline(Duration timeout) {
		this.timeout = timeout;
	}

	<T> T call(Supplier<T> work) {
		Future<T> call = this.calls.submit(work::get);
		try {
			return call.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new IllegalStateException(
					"The container engine did not answer within " + this.timeout + " (CONTAINER_ENGINE_TIMEOUT)", ex);
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the container engine", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public void close() {
		this.calls.shutdownNow();
	}

}
