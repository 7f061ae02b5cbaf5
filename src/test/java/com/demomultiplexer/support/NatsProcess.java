package com.demomultiplexer.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A nats-server with JetStream of a test's own, on a port of its own, keeping its streams
 * in a directory of its own under target/ (with its log), so that a test may stop and
 * start it as an outage would and find its streams again. The host's NATS is never
 * touched.
 */
public final class NatsProcess implements AutoCloseable {

	/** JetStream's error code for a stream that does not exist. */
	private static final int STREAM_NOT_FOUND = 10059;

	private final int port = FreePorts.next();

	private final Path storeDir;

	private final Path log;

	private Process process;

	private NatsProcess(Path storeDir, Path log) {
		this.storeDir = storeDir;
		this.log = log;
	}

	/** Starts a new server and waits until it greets clients. */
	public static NatsProcess start() throws IOException {
		Path target = Files.createDirectories(Path.of("target"));
		NatsProcess nats = new NatsProcess(Files.createTempDirectory(target, "nats-store-"),
				Files.createTempFile(target, "nats-", ".log"));
		nats.startAgain();
		return nats;
	}

	/** As EVENTS_NATS_URL takes it. */
	public String url() {
		return "nats://127.0.0.1:" + this.port;
	}

	/** Starts the server again after {@link #stop()}, with the streams it had. */
	public void startAgain() throws IOException {
		this.process = new ProcessBuilder(List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(this.port),
				"-js", "-sd", this.storeDir.toAbsolutePath().toString()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(this::answers);
		}
		catch (RuntimeException ex) {
			this.process.destroyForcibly();
			throw ex;
		}
	}

	/** Starts the server again after {@link #stop()}, its streams lost. */
	public void startAfresh() throws IOException {
		try (Stream<Path> stored = Files.walk(this.storeDir)) {
			stored.sorted(Comparator.reverseOrder())
				.filter((path) -> !path.equals(this.storeDir))
				.forEach((path) -> path.toFile().delete());
		}
		startAgain();
	}

	/** Kills the server (SIGKILL): every client loses its connection at once. */
	public void stop() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** Whether it greets a client: a NATS server opens every connection with INFO. */
	public boolean answers() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(2000);
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("INFO");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The {@code id} of every event stored in {@code stream}, in stream order; none
	 * before the stream exists.
	 */
	public List<String> storedEventIds(String stream) throws IOException, InterruptedException, JetStreamApiException {
		try (Connection connection = Nats.connect(url())) {
			JetStreamManagement jsm = connection.jetStreamManagement();
			long count;
			try {
				count = jsm.getStreamInfo(stream).getStreamState().getMsgCount();
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() == STREAM_NOT_FOUND) {
					return List.of();
				}
				throw ex;
			}
			List<String> ids = new ArrayList<>();
			for (long sequence = 1; sequence <= count; sequence++) {
				ids.add(JsonMapper.shared().readTree(jsm.getMessage(stream, sequence).getData()).get("id").asString());
			}
			return ids;
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
