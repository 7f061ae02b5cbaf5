package com.demomultiplexer.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The built service run as a process of its own, so a test can kill it as an operator's
 * host would: {@code kill -9}, or SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private ServiceProcess(Process process) {
		this.process = process;
	}

	/**
	 * Starts the jar that {@code mvn package} built, with {@code environment}, and waits
	 * until it answers.
	 */
	public static ServiceProcess start(Map<String, String> environment, int port, Path log) throws IOException {
		File jar = Files.list(Path.of("target"))
			.filter((file) -> file.getFileName().toString().matches("demo-multiplexer-.*\\.jar"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no jar in target/: run mvn package first"))
			.toFile();
		String java = ProcessHandle.current().info().command().orElse("java");
		// The JVM options make run uses, so what is measured here is what operators run.
		ProcessBuilder builder = new ProcessBuilder(java, "@scripts/jvm.options", "-jar", jar.getPath())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("ENV_FILE", "target/tests-read-no-env-file");
		ServiceProcess service = new ServiceProcess(builder.start());
		ApiClient api = new ApiClient(port);
		try {
			// Several JVMs starting at once on two cores that other work shares took more
			// than a minute here; a start is not what the tests measure.
			await().atMost(Duration.ofMinutes(3))
				.ignoreExceptions()
				.until(() -> api.get("/api/v1/pool/stats").status() == 200);
		}
		catch (RuntimeException ex) {
			// Nobody else holds it: a process that did not come up must not outlive the
			// test.
			service.process.destroyForcibly();
			throw ex;
		}
		return service;
	}

	public long pid() {
		return this.process.pid();
	}

	/** SIGKILL: no shutdown hook, no cleanup, as a crash or an OOM kill would end it. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * SIGSTOP: the process stops running at once, with its sockets open, as a process
	 * frozen by a long GC pause, a hung disk or a suspended VM.
	 */
	public void freeze() throws IOException, InterruptedException {
		if (!signal("STOP")) {
			throw new IllegalStateException("kill -STOP " + pid() + " failed");
		}
	}

	/** SIGCONT: a frozen process runs on from where it stopped. */
	public void thaw() throws IOException, InterruptedException {
		if (!signal("CONT")) {
			throw new IllegalStateException("kill -CONT " + pid() + " failed");
		}
	}

	private boolean signal(String name) throws IOException, InterruptedException {
		return new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start().waitFor() == 0;
	}

	/**
	 * SIGTERM (after SIGCONT, should it be frozen), and waits for the graceful shutdown.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			// A process that is not frozen, or already gone, ignores it.
			signal("CONT");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		this.process.destroy();
		this.process.waitFor();
	}

}
