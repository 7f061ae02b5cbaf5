package com.demomultiplexer.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server (standing in for Valkey) of a test's own, on a port of its own, that the
 * test may stop and start as an outage would: the host's Valkey, and every deployment on
 * it, is never touched. Like the host's, it keeps nothing on disk, so a restart comes
 * back empty.
 */
public final class ValkeyProcess implements AutoCloseable {

	private final int port = FreePorts.next();

	private final Path log;

	private Process process;

	private ValkeyProcess(Path log) {
		this.log = log;
	}

	/** Starts a new server and waits until it answers. */
	public static ValkeyProcess start() throws IOException {
		// Under target/, so its log is kept with the test reports.
		ValkeyProcess valkey = new ValkeyProcess(
				Files.createTempFile(Files.createDirectories(Path.of("target")), "valkey-", ".log"));
		valkey.startAgain();
		return valkey;
	}

	/** host:port, as VALKEY_ADDR takes it. */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	public String uri() {
		return "redis://" + address();
	}

	/** Starts the server again after {@link #stop()}, empty. */
	public void startAgain() throws IOException {
		ProcessBuilder builder = new ProcessBuilder(List.of("redis-server", "--bind", "127.0.0.1", "--port",
				String.valueOf(this.port), "--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		RealTime.keep(builder.environment());
		this.process = builder.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(this::answers);
		}
		catch (RuntimeException ex) {
			this.process.destroyForcibly();
			throw ex;
		}
	}

	/** Kills the server: every client loses its connection and every key is gone. */
	public void stop() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	private boolean answers() throws IOException, InterruptedException {
		Process ping = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(this.port), "ping")
			.redirectErrorStream(true)
			.start();
		return new String(ping.getInputStream().readAllBytes()).contains("PONG") && ping.waitFor() == 0;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
