package com.demomultiplexer.container;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.support.TestHttp;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.Sleeper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shop containers on the real Docker engine with the stand-in image (both set up by
 * scripts/services.sh).
 */
class DockerContainerRuntimeIT {

	static final String IMAGE = "demo-multiplexer/standin-shop:latest";

	private static final ContainerProperties CONTAINER = new ContainerProperties(ContainerProperties.Mode.DOCKER, "",
			IMAGE, 21000, 21009, "127.0.0.1", DataSize.ofMegabytes(64), 0.5, 64, List.of(), DataSize.ofMegabytes(1),
			Duration.ofSeconds(60));

	private static final ContainerSpec.Confinement CONFINEMENT = new ContainerSpec.Confinement(
			DataSize.ofMegabytes(64).toBytes(), 500_000_000L, 64, DataSize.ofMegabytes(1).toBytes(), List.of());

	private final List<String> started = new ArrayList<>();

	private DockerClient docker;

	private DockerContainerRuntime runtime;

	private ShopReadiness readiness;

	@BeforeEach
	void connect() {
		this.docker = new DockerClientConfiguration().dockerClient(CONTAINER, Settings.pool());
		this.runtime = new DockerContainerRuntime(this.docker, new DependencyCalls(new SimpleMeterRegistry()),
				CONTAINER);
		this.readiness = new ShopReadiness(this.runtime, CONTAINER, Clock.systemUTC(), Sleeper.THREAD);
	}

	@AfterEach
	void removeLeftovers() throws Exception {
		this.started.forEach(this.runtime::remove);
		this.docker.close();
	}

	@Test
	void aShopStartsBecomesReadyForItsOwnHostAndIsRemoved() throws Exception {
		String domain = "shop1.demo.localhost";
		ContainerSpec spec = spec(21000, Map.of("PS_DOMAIN", domain));

		this.runtime.start(spec);
		this.readiness.await(spec.name(), 21000, domain, Duration.ofSeconds(30));

		assertThat(get(21000, domain)).contains(domain);
		assertThat(this.runtime.status(spec.name()).running()).isTrue();
		var inspected = this.docker.inspectContainerCmd(spec.name()).exec();
		assertThat(inspected.getConfig().getLabels()).containsEntry(ShopContainers.DEPLOYMENT_LABEL, "it");
		assertThat(inspected.getHostConfig().getMemory()).isEqualTo(DataSize.ofMegabytes(64).toBytes());
		assertThat(inspected.getHostConfig().getPidsLimit()).isEqualTo(64);
		assertThat(inspected.getHostConfig().getPortBindings().getBindings().values())
			.allSatisfy((bindings) -> assertThat(bindings[0].getHostIp()).isEqualTo("127.0.0.1"));

		this.runtime.remove(spec.name());

		assertThat(this.runtime.status(spec.name())).isEqualTo(ContainerStatus.GONE);
		this.runtime.remove(spec.name());
	}

	@Test
	void aShopAnswersAnotherHostWithARedirectToItsOwn() throws Exception {
		String domain = "shop2.demo.localhost";
		ContainerSpec spec = spec(21001, Map.of("PS_DOMAIN", domain));
		this.runtime.start(spec);
		this.readiness.await(spec.name(), 21001, domain, Duration.ofSeconds(30));

		int status = http().get()
			.uri("http://127.0.0.1:21001/")
			.header(HttpHeaders.HOST, "other.demo.localhost")
			.exchange((request, response) -> {
				assertThat(response.getHeaders().getLocation()).hasToString("http://" + domain + "/");
				return response.getStatusCode().value();
			});
		assertThat(status).isEqualTo(302);
	}

	@Test
	void aShopThatNeverAnswersTimesOut() {
		// The stand-in, like flashlight, waits for its database forever: this address
		// never answers.
		ContainerSpec spec = spec(21002, Map.of("PS_DOMAIN", "shop3.demo.localhost", "MYSQL_HOST", "192.0.2.1"));
		this.runtime.start(spec);

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await(spec.name(), 21002, "shop3.demo.localhost", Duration.ofSeconds(3)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(WarmupFailedException.Reason.TIMEOUT));
	}

	@Test
	void aShopThatExitsFailsAtOnceWithItsExitCode() {
		ContainerSpec spec = spec(21003, Map.of());
		this.runtime.start(spec);

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await(spec.name(), 21003, "shop4.demo.localhost", Duration.ofSeconds(30)))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(WarmupFailedException.Reason.EXITED);
				assertThat(ex.getMessage()).contains("exited with code 1");
			});
	}

	@Test
	void aMissingImageFailsToStartAndLeavesNothing() {
		ContainerSpec spec = new ContainerSpec("it-missing-" + InstanceId.random(), "demo-multiplexer/absent:none",
				Map.of("PS_DOMAIN", "x"), Map.of(), "bridge", "127.0.0.1", 21004, 80, CONFINEMENT);

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.runtime.start(spec));
		assertThat(this.runtime.status(spec.name())).isEqualTo(ContainerStatus.GONE);
	}

	private ContainerSpec spec(int hostPort, Map<String, String> environment) {
		String name = "it-" + InstanceId.random();
		this.started.add(name);
		return new ContainerSpec(name, IMAGE, environment, Map.of(ShopContainers.DEPLOYMENT_LABEL, "it"), "bridge",
				"127.0.0.1", hostPort, 80, CONFINEMENT);
	}

	private static String get(int port, String host) {
		return http().get()
			.uri("http://127.0.0.1:" + port + "/")
			.header(HttpHeaders.HOST, host)
			.retrieve()
			.body(String.class);
	}

	private static RestClient http() {
		return TestHttp.client();
	}

}
