package com.demomultiplexer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.core.io.ClassPathResource;

/**
 * One Lua script from {@code resources/valkey}, run by its SHA-1 (through
 * {@link ValkeyCalls}). Valkey forgets loaded scripts when it restarts, so a NOSCRIPT
 * answer falls back to sending the source (which loads it again).
 */
final class ValkeyScript {

	private final String source;

	private final String sha;

	private ValkeyScript(String source) {
		this.source = source;
		this.sha = sha1Hex(source);
	}

	static ValkeyScript load(String name) {
		try {
			return new ValkeyScript(
					new ClassPathResource("valkey/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Lua script " + name, ex);
		}
	}

	<T> T run(RedisCommands<String, String> commands, ScriptOutputType type, String[] keys, String... args) {
		try {
			return commands.evalsha(this.sha, type, keys, args);
		}
		catch (RedisNoScriptException ex) {
			return commands.eval(this.source, type, keys, args);
		}
	}

	private static String sha1Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is missing from this JVM", ex);
		}
	}

}
