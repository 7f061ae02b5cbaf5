package com.demomultiplexer.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A Caddy of a test's own: its own admin port and its own config and data folders, so
 * that restarting it, or the autosave it writes, never touches the host's Caddy and the
 * routes of the deployments on it.
 */
public final class CaddyProcess implements AutoCloseable {

	private final int adminPort = FreePorts.next();

	private final Path home;

	private final Path config;

	private Process process;

	private CaddyProcess(Path home) throws IOException {
		this.home = home;
		// Only the admin endpoint: the service under test creates its server through it.
		this.config = Files.writeString(home.resolve("caddy.json"),
				"{\"admin\": {\"listen\": \"127.0.0.1:" + this.adminPort + "\"}}");
	}

	/** Starts a new Caddy with no routes and waits until its admin API answers. */
	public static CaddyProcess start() throws IOException {
		// Under target/, so its log is kept with the test reports.
		CaddyProcess caddy = new CaddyProcess(
				Files.createTempDirectory(Files.createDirectories(Path.of("target")), "caddy-"));
		caddy.run(true);
		return caddy;
	}

	/** Its admin API, as CADDY_ADMIN_URL takes it. */
	public URI adminUrl() {
		return URI.create("http://127.0.0.1:" + this.adminPort);
	}

	/**
	 * Stops Caddy and starts it from its config file without --resume, as an operator who
	 * forgot the flag would: it forgets every route made through its admin API.
	 */
	public void restartForgettingItsRoutes() throws IOException, InterruptedException {
		stop();
		run(false);
	}

	private void run(boolean resume) throws IOException {
		List<String> command = new java.util.ArrayList<>(List.of("caddy", "run", "--config", this.config.toString()));
		if (resume) {
			command.add("--resume");
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.home.resolve("caddy.log").toFile()));
		// Caddy keeps its autosave and certificates under these: the test's own folders.
		builder.environment().put("XDG_CONFIG_HOME", this.home.resolve("config").toString());
		builder.environment().put("XDG_DATA_HOME", this.home.resolve("data").toString());
		RealTime.keep(builder.environment());
		this.process = builder.start();
		try {
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(this::answers);
		}
		catch (RuntimeException ex) {
			this.process.destroyForcibly();
			throw ex;
		}
	}

	private boolean answers() {
		return TestHttp.client()
			.get()
			.uri(adminUrl() + "/config/")
			.exchange((request, response) -> response.getStatusCode().is2xxSuccessful());
	}

	private void stop() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
