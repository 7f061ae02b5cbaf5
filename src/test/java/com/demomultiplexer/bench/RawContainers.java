package com.demomultiplexer.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ManagedContainer;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.TestDockerRuntime;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.StandaloneShops;
import com.demomultiplexer.support.TestHttp;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The alternative to a warm pool: starting the same shop when it is needed, exactly as a
 * warm-up does (its own database, the CA placed, the service's container runtime), with
 * the stand-in's flashlight-like timing.
 */
final class RawContainers {

	private static final String RAW = "bench-raw";

	private static final String COLD = "bench-cold";

	private static final RestClient HTTP = TestHttp.client();

	private RawContainers() {
	}

	/**
	 * Starts {@code count} shops on the engine, {@code parallelism} at a time, until each
	 * answers 200; seconds.
	 */
	static double startAndWaitReady(ContainerEngine engine, int count, int parallelism, int firstPort)
			throws Exception {
		try (TestDockerRuntime docker = new TestDockerRuntime(engine);
				StandaloneShops shops = new StandaloneShops(RAW, Map.of(), 80);
				ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			Semaphore slots = new Semaphore(parallelism);
			List<String> names = new ArrayList<>();
			List<Future<?>> done = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = 0; i < count; i++) {
				int port = firstPort + i;
				InstanceId id = InstanceId.random();
				names.add(shops.containerName(id));
				done.add(threads.submit(() -> {
					slots.acquire();
					try {
						startReady(docker.runtime(), shops.spec(id, port), shops.authority(id));
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
				names.forEach(docker.runtime()::remove);
			}
		}
	}

	/**
	 * Cold starts of a shop as a prospect would wait for it: database, create, start,
	 * ready (its first request included), route, page.
	 */
	static List<Long> coldStartsThroughCaddy(Deployment deployment, int count) throws Exception {
		List<Long> samples = new ArrayList<>();
		try (TestDockerRuntime docker = new TestDockerRuntime(deployment.engine());
				StandaloneShops shops = new StandaloneShops(COLD, Map.of(), deployment.publicPort())) {
			for (int i = 0; i < count; i++) {
				InstanceId id = InstanceId.random();
				String host = id + ".demo.localhost";
				int port = deployment.lastHostPort() + 20 + i;
				long started = System.nanoTime();
				startReady(docker.runtime(), shops.spec(id, port), shops.authority(id));
				CaddyRoutes.add(deployment, "bench-cold-" + id, host, port);
				while (deployment.getThroughCaddy(host).status() != 200) {
					Thread.sleep(5);
				}
				samples.add(System.nanoTime() - started);
				CaddyRoutes.remove("bench-cold-" + id);
				docker.runtime().remove(shops.containerName(id));
			}
		}
		return samples;
	}

	/**
	 * Removes the containers and databases a run (or an earlier, interrupted one) left on
	 * the engine.
	 */
	static void removeLeftovers(ContainerEngine engine) throws Exception {
		try (TestDockerRuntime docker = new TestDockerRuntime(engine)) {
			for (String name : List.of(RAW, COLD)) {
				for (ManagedContainer container : docker.runtime()
					.list(Map.of(ShopContainers.DEPLOYMENT_LABEL, name))) {
					docker.runtime().remove(container.name());
				}
				new StandaloneShops(name, Map.of(), 80).close();
			}
		}
	}

	private static void startReady(ContainerRuntime runtime, ContainerSpec spec, String authority)
			throws InterruptedException {
		runtime.start(spec);
		int port = spec.hostPort();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				int status = HTTP.get()
					.uri("http://127.0.0.1:" + port + "/")
					.header(HttpHeaders.HOST, authority)
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
		throw new IllegalStateException(spec.name() + " never got ready");
	}

}
