package com.demomultiplexer.container;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.github.dockerjava.api.DockerClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.util.unit.DataSize;

/**
 * The service's own container runtime on a local engine (Docker or Podman), for code
 * outside this package that starts shops without the service (the benchmark's raw
 * starts).
 */
public final class TestDockerRuntime implements AutoCloseable {

	private final DockerClient client;

	private final DockerContainerRuntime runtime;

	public TestDockerRuntime(ContainerEngine engine) {
		ContainerProperties container = new ContainerProperties(
				ContainerProperties.Mode.valueOf(engine.mode().toUpperCase(Locale.ROOT)), "", "unused:1", 21000, 25999,
				"127.0.0.1", DataSize.ofMegabytes(64), 1, 64, List.of(), DataSize.ofMegabytes(1),
				Duration.ofSeconds(60), List.of());
		this.client = new DockerClientConfiguration().dockerClient(container, Settings.pool());
		this.runtime = new DockerContainerRuntime(this.client, new DependencyCalls(new SimpleMeterRegistry()),
				container);
	}

	public ContainerRuntime runtime() {
		return this.runtime;
	}

	@Override
	public void close() throws IOException {
		this.runtime.close();
		this.client.close();
	}

}
