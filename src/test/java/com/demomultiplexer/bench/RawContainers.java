package com.demomultiplexer.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.TestHttp;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The alternative to a warm pool: starting the same image when it is needed.
 */
final class RawContainers {

	private static final String IMAGE = "demo-multiplexer/standin-shop:latest";

	private static final RestClient HTTP = TestHttp.client();

	private RawContainers() {
	}

	/**
	 * Starts {@code count} containers, {@code parallelism} at a time, until each answers
	 * 200; seconds.
	 */
	static double startAndWaitReady(int count, int parallelism, int firstPort) throws Exception {
		try (DockerClient docker = docker(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			Semaphore slots = new Semaphore(parallelism);
			List<String> names = new ArrayList<>();
			List<Future<?>> done = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = 0; i < count; i++) {
				int port = firstPort + i;
				String name = "bench-raw-" + InstanceId.random();
				names.add(name);
				done.add(threads.submit(() -> {
					slots.acquire();
					try {
						startReady(docker, name, port);
					}
					finally {
						slots.release();
					}
					return null;
				}));
			}
			try {
				for (Future<?> future : done) {
					future.get();
				}
				return (System.nanoTime() - started) / 1e9;
			}
			finally {
				removeAll(docker, names);
			}
		}
	}

	/**
	 * Cold starts of a shop as a prospect would wait for it: create, start, ready, route,
	 * page.
	 */
	static List<Long> coldStartsThroughCaddy(Deployment deployment, int count) throws Exception {
		List<Long> samples = new ArrayList<>();
		try (DockerClient docker = docker()) {
			for (int i = 0; i < count; i++) {
				String id = InstanceId.random().value();
				String name = "bench-cold-" + id;
				String host = id + ".demo.localhost";
				int port = deployment.lastHostPort() + 20 + i;
				long started = System.nanoTime();
				startReady(docker, name, port, host + ":" + deployment.publicPort());
				CaddyRoutes.add(deployment, "bench-cold-" + id, host, port);
				while (deployment.getThroughCaddy(host).status() != 200) {
					Thread.sleep(5);
				}
				samples.add(System.nanoTime() - started);
				CaddyRoutes.remove("bench-cold-" + id);
				docker.removeContainerCmd(name).withForce(true).exec();
			}
		}
		return samples;
	}

	/** Removes the containers a run (or an earlier, interrupted one) left. */
	static void removeLeftovers() {
		try (DockerClient docker = docker()) {
			docker.listContainersCmd()
				.withShowAll(true)
				.withNameFilter(List.of("bench-raw-", "bench-cold-"))
				.exec()
				.forEach((container) -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void removeAll(DockerClient docker, List<String> names) {
		for (String name : names) {
			try {
				docker.removeContainerCmd(name).withForce(true).exec();
			}
			catch (RuntimeException ex) {
				// Never created.
			}
		}
	}

	private static void startReady(DockerClient docker, String name, int port) throws InterruptedException {
		startReady(docker, name, port, name + ".demo.localhost");
	}

	private static void startReady(DockerClient docker, String name, int port, String domain)
			throws InterruptedException {
		ExposedPort http = ExposedPort.tcp(80);
		docker.createContainerCmd(IMAGE)
			.withName(name)
			.withEnv("PS_DOMAIN=" + domain)
			.withExposedPorts(http)
			.withHostConfig(HostConfig.newHostConfig()
				.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), http)))
			.exec();
		docker.startContainerCmd(name).exec();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				int status = HTTP.get()
					.uri("http://127.0.0.1:" + port + "/")
					.header(HttpHeaders.HOST, domain)
					.accept(MediaType.ALL)
					.exchange((request, response) -> response.getStatusCode().value());
				if (status == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// Still booting.
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(name + " never got ready");
	}

	private static DockerClient docker() {
		var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost("unix:///var/run/docker.sock")
			.build();
		return DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).maxConnections(32).build());
	}

}
