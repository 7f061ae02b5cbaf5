package com.demomultiplexer.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An engine that accepts connections and never answers (a hung dockerd) on a Unix socket,
 * where docker-java's own response timeout has no effect: every call gives up at
 * CONTAINER_ENGINE_TIMEOUT instead of holding its caller. The real engine, through the
 * same code, answers (the positive control).
 */
class HungEngineIT {

	private final List<SocketChannel> held = new CopyOnWriteArrayList<>();

	private ServerSocketChannel hungEngine;

	@AfterEach
	void closeTheHungEngine() throws IOException {
		for (SocketChannel connection : this.held) {
			connection.close();
		}
		if (this.hungEngine != null) {
			this.hungEngine.close();
		}
	}

	@Test
	void aCallToAnEngineThatNeverAnswersGivesUpAtTheTimeout() throws IOException {
		Path socket = Files.createTempDirectory("hung-engine").resolve("docker.sock");
		this.hungEngine = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
			.bind(UnixDomainSocketAddress.of(socket));
		Thread.ofVirtual().start(this::acceptAndNeverAnswer);
		DockerContainerRuntime runtime = runtime("unix://" + socket);

		// A generous bound: without the deadline the call would wait forever.
		assertTimeoutPreemptively(Duration.ofSeconds(60),
				() -> assertThatIllegalStateException().isThrownBy(() -> runtime.status("demo-anything"))
					.withMessageContaining("CONTAINER_ENGINE_TIMEOUT"));
		assertThat(this.held).as("the call did reach the engine").isNotEmpty();
	}

	@Test
	void theRealEngineAnswersThroughTheSameCode() {
		DockerContainerRuntime runtime = runtime("unix:///var/run/docker.sock");

		runtime.ping();
		assertThat(runtime.list(Map.of("demo-multiplexer.deployment", "nobody-has-this-deployment"))).isEmpty();
	}

	private DockerContainerRuntime runtime(String dockerHost) {
		ContainerProperties container = new ContainerProperties(ContainerProperties.Mode.DOCKER, dockerHost, "shop:1",
				21000, 21009, "127.0.0.1", DataSize.ofMegabytes(64), 1, 64, List.of(), DataSize.ofMegabytes(1),
				Duration.ofSeconds(1), List.of());
		return new DockerContainerRuntime(new DockerClientConfiguration().dockerClient(container, Settings.pool()),
				new DependencyCalls(new SimpleMeterRegistry()), container);
	}

	private void acceptAndNeverAnswer() {
		try {
			while (true) {
				this.held.add(this.hungEngine.accept());
			}
		}
		catch (IOException ex) {
			// Closed by the test.
		}
	}

}
