package com.demomultiplexer.container;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.ContainerProperties.Mode;
import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.kubernetes.KubernetesConfigurationAccess;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.Sleeper;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTAINER_MODE picks one runtime, one readiness check, one way to reach shops, one
 * health indicator, and only its client: the Docker API's when unset, docker or podman;
 * fabric8's for kubernetes, however spelled.
 */
class ContainerModeTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(DockerClientConfiguration.class, DockerContainerRuntime.class, HttpShopReadiness.class,
				PublishedPorts.class, DockerHealthIndicator.class)
		.withClassLoader(getClass().getClassLoader())
		.withBean(PublicUrlProperties.class, () -> new PublicUrlProperties("demo.localhost", "http", 80))
		.withBean(KubernetesProperties.class, () -> new KubernetesProperties("shops", 33L))
		.withBean(DependencyCalls.class, () -> new DependencyCalls(new SimpleMeterRegistry()))
		.withBean(Clock.class, Clock::systemUTC)
		.withBean(Sleeper.class, () -> (duration) -> {
		})
		.withBean(PoolProperties.class, Settings::pool)
		.withBean(CaddyProperties.class, () -> new CaddyProperties(URI.create("http://127.0.0.1:2019"), "demo", ":80",
				"127.0.0.1", Duration.ofSeconds(10), "127.0.0.1:8080", List.of()));

	@Test
	void theDockerApiByDefault() {
		this.context.withBean(ContainerProperties.class, () -> container(Mode.DOCKER)).run((context) -> {
			assertThat(context).hasSingleBean(DockerClient.class);
			assertThat(context.getBean(ContainerRuntime.class)).isInstanceOf(DockerContainerRuntime.class);
			assertThat(context.getBean(ShopReadiness.class)).isInstanceOf(HttpShopReadiness.class);
			assertThat(context.getBean(ShopUpstreams.class)).isInstanceOf(PublishedPorts.class);
			assertThat(context).hasSingleBean(DockerHealthIndicator.class).doesNotHaveBean("kubernetesHealthIndicator");
		});
	}

	@Test
	void kubernetesWithoutAnyDockerClient() {
		this.context.withPropertyValues("container.mode=KUBERNETES")
			.withBean(ContainerProperties.class, () -> container(Mode.KUBERNETES))
			.withUserConfiguration(KubernetesConfigurationAccess.configuration())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DockerClient.class);
				assertThat(context.getBean(ContainerRuntime.class).getClass().getSimpleName())
					.isEqualTo("KubernetesContainerRuntime");
				assertThat(context.getBean(ShopReadiness.class).getClass().getSimpleName()).isEqualTo("PodReadiness");
				assertThat(context.getBean(ShopUpstreams.class).getClass().getSimpleName()).isEqualTo("PodAddresses");
				assertThat(context).hasBean("kubernetesHealthIndicator").doesNotHaveBean(DockerHealthIndicator.class);
			});
	}

	private static ContainerProperties container(Mode mode) {
		return new ContainerProperties(mode, "", "shop:1", 20000, 20009, "127.0.0.1", DataSize.ofMegabytes(512), 1, 256,
				List.of("NET_BIND_SERVICE"), DataSize.ofMegabytes(10), Duration.ofSeconds(60), List.of());
	}

}
