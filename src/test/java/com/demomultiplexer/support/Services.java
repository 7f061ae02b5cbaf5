package com.demomultiplexer.support;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Stops and starts the real services the way an operator (or a crash) would, for fault
 * tests. They are started again exactly as scripts/services.sh starts them, detached from
 * the test's JVM.
 */
public final class Services {

	private Services() {
	}

	public static void stopValkey() throws IOException, InterruptedException {
		run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
	}

	public static void startValkey() throws IOException, InterruptedException {
		run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly",
				"no");
		await().atMost(Duration.ofSeconds(10)).until(() -> run("redis-cli", "-p", "6379", "ping") == 0);
	}

	/**
	 * Stops Caddy and starts it from its Caddyfile without --resume: it forgets every
	 * API-made route.
	 */
	public static void restartCaddyForgettingItsRoutes() throws IOException, InterruptedException {
		run("caddy", "stop", "--address", "127.0.0.1:2019");
		new ProcessBuilder("setsid", "caddy", "run", "--config", "Caddyfile", "--adapter", "caddyfile")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("target/caddy-restarted.log")))
			.start();
		await().atMost(Duration.ofSeconds(15)).until(() -> run("curl", "-sf", "http://127.0.0.1:2019/config/") == 0);
	}

	public static void dockerKill(String container) throws IOException, InterruptedException {
		run("docker", "kill", container);
	}

	public static void dockerTag(String image, String tag) throws IOException, InterruptedException {
		run("docker", "tag", image, tag);
	}

	public static void dockerUntag(String tag) throws IOException, InterruptedException {
		run("docker", "rmi", tag);
	}

	private static int run(String... command) throws IOException, InterruptedException {
		return new ProcessBuilder(List.of(command)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start()
			.waitFor();
	}

}
