package com.demomultiplexer.support;

import java.io.IOException;
import java.util.List;

/**
 * Engine commands for fault tests, on what the test itself made: its own containers and
 * image tags. Services a fault test stops or restarts are its own processes
 * ({@link ValkeyProcess}, {@link CaddyProcess}), never the host's.
 */
public final class Services {

	private Services() {
	}

	/** Kills a container on the engine the tests run against. */
	public static void kill(String container) throws IOException, InterruptedException {
		run(ContainerEngine.current().cli(), "kill", container);
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
