package com.demomultiplexer.store;

import java.util.function.Supplier;

import io.lettuce.core.RedisException;

/**
 * Runs a Valkey call, turning Lettuce's failures (rejected while disconnected, timed out)
 * into {@link StoreUnavailableException}, the one failure the rest of the service knows
 * of.
 */
final class Valkey {

	private Valkey() {
	}

	static <T> T call(Supplier<T> command) {
		try {
			return command.get();
		}
		catch (RedisException ex) {
			throw new StoreUnavailableException(ex);
		}
	}

}
