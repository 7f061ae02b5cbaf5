package com.demomultiplexer.store;

import java.util.function.Function;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;

import org.springframework.stereotype.Component;

/**
 * Every Valkey call goes through here: it is timed, and Lettuce's failures (rejected
 * while disconnected, timed out) become {@link StoreUnavailableException}, the one
 * failure the rest of the service knows of.
 */
@Component
class ValkeyCalls {

	private final RedisCommands<String, String> commands;

	private final DependencyCalls calls;

	ValkeyCalls(StatefulRedisConnection<String, String> connection, DependencyCalls calls) {
		this.commands = connection.sync();
		this.calls = calls;
	}

	<T> T run(ValkeyScript script, ScriptOutputType type, String[] keys, String... args) {
		return call((commands) -> script.run(commands, type, keys, args));
	}

	<T> T call(Function<RedisCommands<String, String>, T> command) {
		return this.calls.call(Dependency.VALKEY, () -> {
			try {
				return command.apply(this.commands);
			}
			catch (RedisException ex) {
				throw new StoreUnavailableException(ex);
			}
		});
	}

}
