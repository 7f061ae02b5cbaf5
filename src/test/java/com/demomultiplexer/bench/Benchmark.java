package com.demomultiplexer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.json.JsonMapper;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.sizing.PoolSimulation;
import com.demomultiplexer.sizing.SizingComparison;
import com.demomultiplexer.sizing.SizingScenarios;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.FreePorts;
import com.demomultiplexer.support.NatsProcess;
import com.demomultiplexer.support.ServiceProcess;
import com.demomultiplexer.support.WebhookReceiver;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * {@code make bench}: the warm pool's speed measured on the real stack, each figure
 * beside its floor or its alternative, printed as a table and written to bench/results
 * (JSON and SVG). Acquire only ever touches Valkey, so the acquire measurements run on
 * pools whose shops are recorded in Valkey directly (thousands of them; no container is
 * involved in an acquire); everything that involves a shop's container (startup, refill,
 * churn) uses real containers of the stand-in image, with the time flashlight takes to
 * boot and to answer its first request.
 * <p>
 * The load comes from Apache HttpClient's blocking client on virtual threads, one pooled
 * keep-alive connection per simulated client: on two cores the load generator shares the
 * CPU with the service, and this one costs a third of what the JDK's HttpClient does per
 * request. Before anything is timed the service's acquire path is run long enough for the
 * JIT to compile it, as it is in a service that has been up for a while.
 * <p>
 * Its arguments (scripts/bench.sh passes them on) pick parts of it: {@code seeded} (the
 * acquire, stampede, stream and startup measurements, on one service), {@code real}
 * (refill and Caddy churn), {@code replicas} (acquire through Caddy with one replica and
 * with three), {@code events} (acquire with lifecycle events on and off), {@code sizing}
 * (adaptive against fixed targets, simulated), {@code podman} (refill and warm-up on
 * Podman beside the same on Docker, same image, same moment); none, all of them. A run of
 * some parts writes latest-&lt;parts&gt;.json and .md beside, not over, the whole run's
 * results.
 */
public final class Benchmark {

	private static final int[] CONCURRENCY = { 1, 16, 64, 256 };

	/** Acquires run this many times before any is measured: the JIT's warm-up. */
	private static final int WARM_UP_ACQUIRES = 60_000;

	private static final int STREAMS = 1000;

	private static final List<String> PARTS = List.of("seeded", "real", "replicas", "events", "sizing", "podman");

	private static final String ACQUIRE_PATH = "/api/v1/demo/acquire";

	/** Clients and acquires of the replica comparison: those of the 64-client row. */
	private static final int REPLICA_CLIENTS = 64;

	private static final int REPLICA_REQUESTS = 20_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CloseableHttpClient LOAD = HttpClients.custom()
		.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(STREAMS + 100)
			.setMaxConnPerRoute(STREAMS + 100)
			.build())
		.disableAutomaticRetries()
		.disableRedirectHandling()
		.build();

	private final Map<String, Object> results = new LinkedHashMap<>();

	private final StringBuilder table = new StringBuilder();

	/** The parts to run, in the order they run. */
	private final List<String> parts;

	private Benchmark(List<String> parts) {
		this.parts = parts;
	}

	public static void main(String[] args) throws Exception {
		if (!PARTS.containsAll(List.of(args))) {
			System.err.println("Parts of the benchmark: " + String.join(", ", PARTS) + "; none for all of them");
			System.exit(2);
		}
		new Benchmark(PARTS.stream().filter((part) -> args.length == 0 || List.of(args).contains(part)).toList()).run();
		System.exit(0);
	}

	private void run() throws Exception {
		boolean podman = this.parts.contains("podman");
		RawContainers.removeLeftovers(ContainerEngine.DOCKER);
		if (podman) {
			RawContainers.removeLeftovers(ContainerEngine.PODMAN);
		}
		this.results.put("machine", Machine.describe());
		this.results.put("startedAt", Instant.now().toString());
		line("| Measure | Result | Floor / alternative | Ratio | Target |");
		line("|---|---|---|---|---|");
		try (Deployment seeded = Deployment.withFlashlightTiming(25100);
				Deployment real = Deployment.withFlashlightTiming(25200);
				Deployment oneReplica = new Deployment(25400);
				Deployment threeReplicas = new Deployment(25500);
				Deployment eventsOff = new Deployment(25600);
				Deployment eventsOn = new Deployment(26200);
				// Made only for their part: they need Podman's service to close.
				Deployment besidePodman = podman ? Deployment.withFlashlightTiming(25700, ContainerEngine.DOCKER)
						: null;
				Deployment onPodman = podman ? Deployment.withFlashlightTiming(25800, ContainerEngine.PODMAN) : null) {
			Thread interrupted = new Thread(() -> cleanUpAfterInterrupt(seeded, real, oneReplica, threeReplicas,
					eventsOff, eventsOn, besidePodman, onPodman));
			Runtime.getRuntime().addShutdownHook(interrupted);
			try {
				if (this.parts.contains("seeded")) {
					runSeeded(seeded);
				}
				if (this.parts.contains("real")) {
					runReal(real);
				}
				if (this.parts.contains("replicas")) {
					replicas(oneReplica, threeReplicas);
				}
				if (this.parts.contains("events")) {
					eventsCost(eventsOff, eventsOn);
				}
				if (this.parts.contains("sizing")) {
					sizing();
				}
				if (podman) {
					runEngines(besidePodman, onPodman);
				}
			}
			finally {
				Runtime.getRuntime().removeShutdownHook(interrupted);
			}
		}
		write();
	}

	private void runSeeded(Deployment seeded) throws Exception {
		try (ServiceProcess service = ServiceProcess.start(seededEnvironment(seeded), seeded.servicePort(),
				Path.of("target/bench-seeded-service.log"))) {
			awaitFirstReconcile(seeded);
			acquireLatency(seeded);
			stampede(seeded);
			constantTime(seeded);
			streams(seeded, service.pid());
			// On the same service, warm from the phases above, now with real shops.
			perceivedStartup(seeded);
		}
	}

	private void runReal(Deployment real) throws Exception {
		try (ServiceProcess service = ServiceProcess.start(realEnvironment(real), real.servicePort(),
				Path.of("target/bench-real-service.log"))) {
			refill(real, "", "refill");
			caddyChurn(real);
		}
	}

	/**
	 * Refill and warm-up on Docker and on Podman, one right after the other, with the
	 * same image on the same machine: what the engine changes.
	 */
	private void runEngines(Deployment docker, Deployment podman) throws Exception {
		for (Deployment deployment : List.of(docker, podman)) {
			String engine = deployment.engine().mode();
			try (ServiceProcess service = ServiceProcess.start(realEnvironment(deployment), deployment.servicePort(),
					Path.of("target/bench-" + engine + "-service.log"))) {
				refill(deployment, " on " + StringUtils.capitalize(engine), "refill" + StringUtils.capitalize(engine));
			}
		}
	}

	/**
	 * Ctrl-C during a run: stop the services it started before they warm anything more,
	 * then remove what the deployments left (containers, databases, Caddy servers, Valkey
	 * keys), as a finished run does.
	 */
	private static void cleanUpAfterInterrupt(Deployment... deployments) {
		List<ProcessHandle> services = ProcessHandle.current().descendants().toList();
		services.forEach(ProcessHandle::destroyForcibly);
		services.forEach((service) -> service.onExit().join());
		for (Deployment deployment : deployments) {
			if (deployment == null) {
				// Its part was not run.
				continue;
			}
			try {
				deployment.close();
			}
			catch (IOException | RuntimeException ex) {
				System.err.println("Cleaning up after the interrupt: " + ex);
			}
		}
	}

	// 1. Acquire latency and throughput, against the same script called directly on
	// Valkey.
	private void acquireLatency(Deployment deployment) throws Exception {
		List<Map<String, Object>> levels = new ArrayList<>();
		try (Valkey valkey = new Valkey()) {
			// Let the JIT compile the acquire path of both before anything is measured.
			Seeding.ready(valkey.connection, prefix(deployment), WARM_UP_ACQUIRES);
			load(64, WARM_UP_ACQUIRES, () -> acquire(deployment.servicePort()));
			Seeding.ready(valkey.connection, "{bench-floor-warm}:", WARM_UP_ACQUIRES);
			load(64, WARM_UP_ACQUIRES, () -> valkey.acquire("{bench-floor-warm}:"));
			valkey.drop("{bench-floor-warm}:");
			for (int clients : CONCURRENCY) {
				int requests = Math.max(20_000, clients * 100);
				Seeding.ready(valkey.connection, prefix(deployment), requests);
				Stats service = load(clients, requests, () -> acquire(deployment.servicePort()));
				String floorPrefix = "{bench-floor-" + clients + "}:";
				Seeding.ready(valkey.connection, floorPrefix, requests);
				Stats floor = load(clients, requests, () -> valkey.acquire(floorPrefix));
				valkey.drop(floorPrefix);
				levels.add(Map.of("clients", clients, "p50", service.p(50), "p99", service.p(99), "p999",
						service.p(99.9), "perSecond", service.perSecond(), "floorP50", floor.p(50), "floorP99",
						floor.p(99), "floorP999", floor.p(99.9), "floorPerSecond", floor.perSecond()));
				line("| Acquire, %d client%s: p50 / p99 / p99.9, throughput | %.2f / %.2f / %.2f ms, %.0f/s | %.2f / %.2f / %.2f ms, %.0f/s (script on Valkey) | p99 ×%.1f | %s |",
						clients, clients == 1 ? "" : "s", service.p(50), service.p(99), service.p(99.9),
						service.perSecond(), floor.p(50), floor.p(99), floor.p(99.9), floor.perSecond(),
						service.p(99) / floor.p(99), clients == 64 ? "p99 ≤ 5 ms" : "");
				if (clients == 64) {
					pacedAcquires(deployment, valkey, clients, service.perSecond() / 2);
				}
			}
		}
		this.results.put("acquire", levels);
	}

	/**
	 * The same clients held to half the throughput they reached flat out: the latency a
	 * busy service shows when it is not saturated.
	 */
	private void pacedAcquires(Deployment deployment, Valkey valkey, int clients, double perSecond)
			throws InterruptedException {
		int requests = (int) (perSecond * 5);
		Seeding.ready(valkey.connection, prefix(deployment), requests);
		Stats paced = paced(clients, perSecond, requests, () -> acquire(deployment.servicePort()));
		this.results.put("acquirePaced", Map.of("clients", clients, "perSecond", perSecond, "p50", paced.p(50), "p99",
				paced.p(99), "p999", paced.p(99.9)));
		line("| Acquire, %d clients held to %.0f/s (half the above): p50 / p99 / p99.9 | %.2f / %.2f / %.2f ms | | | |",
				clients, perSecond, paced.p(50), paced.p(99), paced.p(99.9));
	}

	// 3. A stampede on a pool of 100: exactly 100 winners, everyone answered.
	private void stampede(Deployment deployment) throws Exception {
		try (Valkey valkey = new Valkey()) {
			valkey.drop(prefix(deployment) + "ready");
			Seeding.ready(valkey.connection, prefix(deployment), 100);
		}
		ConcurrentLinkedQueue<Long> won = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> refused = new ConcurrentLinkedQueue<>();
		AtomicInteger other = new AtomicInteger();
		long started = System.nanoTime();
		load(256, 20_000, () -> {
			long t = System.nanoTime();
			int status = acquire(deployment.servicePort());
			long took = System.nanoTime() - t;
			if (status == 201) {
				won.add(took);
			}
			else if (status == 503 || status == 429) {
				refused.add(took);
			}
			else {
				other.incrementAndGet();
			}
			return took;
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		Stats winners = Stats.of(won, seconds);
		Stats losers = Stats.of(refused, seconds);
		this.results.put("stampede",
				Map.of("requests", 20_000, "clients", 256, "pool", 100, "winners", won.size(), "refused",
						refused.size(), "unanswered", other.get(), "winnersP99", winners.p(99), "refusedP99",
						losers.p(99)));
		line("| Stampede: 20,000 acquires, 256 clients, pool of 100 | %d winners, %d refused (503), %d other; p99 %.2f ms (winners) / %.2f ms (refused) | exactly 100 winners | | p99 ≤ 20 ms |",
				won.size(), refused.size(), other.get(), winners.p(99), losers.p(99));
	}

	// 4. Acquire latency does not depend on the pool's size.
	private void constantTime(Deployment deployment) throws Exception {
		Map<String, Object> bySize = new LinkedHashMap<>();
		try (Valkey valkey = new Valkey()) {
			for (int size : new int[] { 10, 100, 500 }) {
				valkey.drop(prefix(deployment) + "ready");
				Seeding.ready(valkey.connection, prefix(deployment), size);
				List<Long> samples = new ArrayList<>();
				for (int i = 0; i < 500; i++) {
					long t = System.nanoTime();
					acquire(deployment.servicePort());
					samples.add(System.nanoTime() - t);
					// Keep the pool at its size: one new ready shop for the one just
					// taken.
					Seeding.ready(valkey.connection, prefix(deployment), 1);
				}
				Stats stats = Stats.of(samples, 1);
				bySize.put(String.valueOf(size), Map.of("p50", stats.p(50), "p99", stats.p(99)));
				line("| Acquire with %d ready shops: p50 / p99 | %.2f / %.2f ms | | | flat from 10 to 500 |", size,
						stats.p(50), stats.p(99));
			}
		}
		this.results.put("acquireByPoolSize", bySize);
	}

	// 6. The cost of 1,000 open countdown streams.
	private void streams(Deployment deployment, long pid) throws Exception {
		try (Valkey valkey = new Valkey()) {
			Seeding.ready(valkey.connection, prefix(deployment), 1);
		}
		ApiClient api = new ApiClient(deployment.servicePort());
		ApiClient.Answer demo = api.post("/api/v1/demo/acquire");
		String stream = "http://127.0.0.1:" + deployment.servicePort() + "/api/v1/demo/" + demo.text("id")
				+ "/status?token=" + demo.text("token");
		long rssBefore = Machine.rssBytes(pid);
		List<HttpGet> open = new ArrayList<>();
		for (int i = 0; i < STREAMS; i++) {
			HttpGet request = new HttpGet(stream);
			ClassicHttpResponse response = LOAD.executeOpen(null, request, null);
			if (response.getCode() != 200) {
				throw new IllegalStateException("stream " + i + " answered " + response.getCode());
			}
			open.add(request);
		}
		Thread.sleep(3000);
		long cpuBefore = Machine.cpuTicks(pid);
		Thread.sleep(10_000);
		double cpuPercent = (Machine.cpuTicks(pid) - cpuBefore) / 100.0 / 10 * 100;
		long rssAfter = Machine.rssBytes(pid);
		// Cancelled, not closed: closing would read the endless stream to its end.
		open.forEach(HttpGet::cancel);
		this.results.put("streams", Map.of("open", STREAMS, "rssBeforeMiB", rssBefore >> 20, "rssWithStreamsMiB",
				rssAfter >> 20, "cpuPercentOfOneCore", cpuPercent));
		line("| 1,000 open status streams: service RSS, CPU | %d MiB (was %d MiB without), %.1f%% of one core | | | < 300 MB RSS |",
				rssAfter >> 20, rssBefore >> 20, cpuPercent);
	}

	// 5. Refilling an empty pool, against starting the same containers raw.
	/**
	 * Refills a deployment's empty pool, then starts as many shops raw on its engine; the
	 * row's label ends with {@code engine} and its results are under {@code key}.
	 */
	private void refill(Deployment deployment, String engine, String key) throws Exception {
		int shops = 10;
		ApiClient api = new ApiClient(deployment.servicePort());
		long started = System.nanoTime();
		setPoolTarget(deployment, shops);
		waitUntil(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == shops, Duration.ofMinutes(3));
		double warm = (System.nanoTime() - started) / 1e9;
		// Ports past the deployment's range: its own shops hold ports inside it.
		Timings warmups = Timings.of(deployment, "demo_warmup_seconds", "");
		double raw = RawContainers.startAndWaitReady(deployment.engine(), shops, 4, deployment.lastHostPort() + 1);
		this.results.put(key, Map.of("shops", shops, "parallelism", 4, "warmSeconds", warm, "rawSeconds", raw, "ratio",
				warm / raw, "warmupMeanSeconds", warmups.mean(), "warmups", warmups.count()));
		line("| Refill %d shops from empty, 4 at a time%s | %.1f s | %.1f s (raw container starts) | ×%.2f | ≤ 1.25× raw |",
				shops, engine, warm, raw, warm / raw);
		line("| Warm-up of one shop (reserve → in the pool), mean of the %.0f above%s | %.2f s | | | |",
				warmups.count(), engine, warmups.mean());
	}

	// 2. What a prospect waits for: a shop's page, through Caddy, after pressing the
	// button.
	private void perceivedStartup(Deployment deployment) throws Exception {
		try (Valkey valkey = new Valkey()) {
			// The seeded shops left over, and those the acquire phases handed out (they
			// would count against POOL_MAX_SIZE), have no container: out of the pool.
			valkey.drop(prefix(deployment) + "ready");
			valkey.drop(prefix(deployment) + "assigned");
		}
		ApiClient api = new ApiClient(deployment.servicePort());
		setPoolTarget(deployment, 4);
		List<Long> warm = new ArrayList<>();
		List<Long> pageAlone = new ArrayList<>();
		int retried = 0;
		// Round -1 is not counted: it is the first time this client parses an acquire's
		// answer and asks Caddy for a page, and it loads the classes to do so.
		for (int i = -1; i < 20; i++) {
			waitUntil(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() >= 1, Duration.ofMinutes(1));
			long t = System.nanoTime();
			String host = acquiredHost(deployment.servicePort());
			int tries = 1;
			while (shopPage(deployment, host) != 200) {
				if (++tries > 1000) {
					throw new IllegalStateException(host + " never answered 200");
				}
			}
			long took = System.nanoTime() - t;
			// The page alone, asked again: what the shop itself takes through Caddy.
			long again = System.nanoTime();
			shopPage(deployment, host);
			if (i >= 0) {
				warm.add(took);
				pageAlone.add(System.nanoTime() - again);
				retried += (tries > 1) ? 1 : 0;
			}
		}
		List<Long> cold = RawContainers.coldStartsThroughCaddy(deployment, 3);
		Stats warmStats = Stats.of(warm, 1);
		Stats pageStats = Stats.of(pageAlone, 1);
		Stats coldStats = Stats.of(cold, 1);
		this.results.put("perceivedStartup",
				Map.of("samples", warm.size(), "warmP50", warmStats.p(50), "warmP99", warmStats.p(99), "pageAloneP50",
						pageStats.p(50), "pageAloneP99", pageStats.p(99), "firstRequestRetried", retried, "coldP50",
						coldStats.p(50), "coldP99", coldStats.p(99), "ratio", coldStats.p(50) / warmStats.p(50)));
		line("| Perceived startup (acquire → shop page 200 through Caddy): p50 / p99 of %d | %.1f / %.1f ms (the page alone, asked again: %.1f / %.1f ms); %d first requests not 200 | %.0f / %.0f ms cold (create, start, ready, route) | ×%.0f faster | p99 ≤ 10 ms, ≥ 100× |",
				warm.size(), warmStats.p(50), warmStats.p(99), pageStats.p(50), pageStats.p(99), retried,
				coldStats.p(50), coldStats.p(99), coldStats.p(50) / warmStats.p(50));
	}

	// 7. The cost of Caddy's whole-config reloads as routes pile up.
	private void caddyChurn(Deployment deployment) throws Exception {
		ApiClient api = new ApiClient(deployment.servicePort());
		Map<String, Object> byRoutes = new LinkedHashMap<>();
		waitUntil(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() >= 2, Duration.ofMinutes(2));
		ApiClient.Answer watched = api.post("/api/v1/demo/acquire");
		String watchedHost = watched.text("id") + ".demo.localhost";
		for (int extra : new int[] { 0, 100, 1000 }) {
			CaddyRoutes.addDummies(deployment, extra);
			AtomicBoolean churning = new AtomicBoolean(true);
			AtomicLong requests = new AtomicLong();
			AtomicLong failures = new AtomicLong();
			Thread watcher = Thread.ofVirtual().start(() -> {
				while (churning.get()) {
					requests.incrementAndGet();
					try {
						if (deployment.getThroughCaddy(watchedHost).status() != 200) {
							failures.incrementAndGet();
						}
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
				}
			});
			List<Long> pairs = new ArrayList<>();
			Timings callsBefore = Timings.of(deployment, CADDY_CALLS, CADDY);
			for (int i = 0; i < 3; i++) {
				waitUntil(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() >= 1, Duration.ofMinutes(1));
				int ready = api.get("/api/v1/pool/stats").json().path("ready").asInt();
				long t = System.nanoTime();
				ApiClient.Answer demo = api.post("/api/v1/demo/acquire");
				api.delete("/api/v1/demo/" + demo.text("id"), ApiClient.bearer(demo.text("token")));
				waitUntil(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() >= ready,
						Duration.ofMinutes(1));
				pairs.add(System.nanoTime() - t);
			}
			double caddyMs = Timings.of(deployment, CADDY_CALLS, CADDY).millisPerCallSince(callsBefore);
			churning.set(false);
			watcher.join();
			CaddyRoutes.removeDummies(deployment);
			Stats stats = Stats.of(pairs, 1);
			byRoutes.put(String.valueOf(extra), Map.of("pairP50Ms", stats.p(50), "caddyCallMs", caddyMs,
					"proxiedRequests", requests.get(), "failedProxiedRequests", failures.get()));
			line("| Warm-up + release pair with %d other routes in Caddy | %.0f ms (p50 of 3), of which Caddy's admin API %.1f ms per call | %d of %d proxied requests to a live shop failed meanwhile | | |",
					extra, stats.p(50), caddyMs, failures.get(), requests.get());
		}
		this.results.put("caddyChurn", byRoutes);
	}

	// 8. Acquire through Caddy, as prospects reach it, with one replica and with three.
	private void replicas(Deployment oneReplica, Deployment threeReplicas) throws Exception {
		long started = System.nanoTime();
		Replicas one = acquireThroughReplicas(oneReplica, 1);
		Replicas three = acquireThroughReplicas(threeReplicas, 3);
		this.results.put("acquireThroughCaddy",
				Map.of("clients", REPLICA_CLIENTS, "requests", REPLICA_REQUESTS, "oneReplica", one.summary(),
						"threeReplicas", three.summary(), "seconds", (System.nanoTime() - started) / 1e9));
		Stats by3 = three.caddy().stats();
		Stats by1 = one.caddy().stats();
		line("| Acquire through Caddy, %d clients, 3 replicas vs 1: p50 / p99 / p99.9, throughput | %.2f / %.2f / %.2f ms, %.0f/s; not 201: %s | %.2f / %.2f / %.2f ms, %.0f/s; not 201: %s (1 replica); without Caddy, straight to the replicas in turn: p99 %.2f ms, %.0f/s (3), p99 %.2f ms, %.0f/s (1) | p99 ×%.2f, throughput ×%.2f | |",
				REPLICA_CLIENTS, by3.p(50), by3.p(99), by3.p(99.9), by3.perSecond(), three.caddy().notGranted(),
				by1.p(50), by1.p(99), by1.p(99.9), by1.perSecond(), one.caddy().notGranted(),
				three.direct().stats().p(99), three.direct().stats().perSecond(), one.direct().stats().p(99),
				one.direct().stats().perSecond(), by3.p(99) / by1.p(99), by3.perSecond() / by1.perSecond());
	}

	/**
	 * Acquires with lifecycle events on, to NATS and to a webhook (a nats-server and a
	 * receiver of the benchmark's own), beside the same with events off: two services up
	 * side by side and loaded in turn, three rounds each, so that the machine's drift
	 * hits both alike. With events on, every acquire also appends its event to the outbox
	 * in its script, and the leader's relay publishes meanwhile, on the same two cores.
	 */
	private void eventsCost(Deployment off, Deployment on) throws Exception {
		Map<String, String> onEnvironment = new HashMap<>(seededEnvironment(on));
		try (NatsProcess nats = NatsProcess.start();
				WebhookReceiver receiver = WebhookReceiver.start();
				ServiceProcess quiet = ServiceProcess.start(seededEnvironment(off), off.servicePort(),
						Path.of("target/bench-events-off.log"));
				ServiceProcess loud = ServiceProcess.start(withEvents(onEnvironment, nats, receiver), on.servicePort(),
						Path.of("target/bench-events-on.log"));
				Valkey valkey = new Valkey()) {
			awaitFirstReconcile(off);
			awaitFirstReconcile(on);
			for (Deployment deployment : List.of(off, on)) {
				Seeding.ready(valkey.connection, prefix(deployment), WARM_UP_ACQUIRES);
				load(64, WARM_UP_ACQUIRES, () -> acquire(deployment.servicePort()));
			}
			List<Stats> without = new ArrayList<>();
			List<Stats> with = new ArrayList<>();
			for (int round = 0; round < 3; round++) {
				without.add(acquireRound(valkey, off));
				with.add(acquireRound(valkey, on));
			}
			double onP50 = median(with, (stats) -> stats.p(50));
			double onP99 = median(with, (stats) -> stats.p(99));
			double onRate = median(with, Stats::perSecond);
			double offP50 = median(without, (stats) -> stats.p(50));
			double offP99 = median(without, (stats) -> stats.p(99));
			double offRate = median(without, Stats::perSecond);
			this.results.put("acquireWithEvents",
					Map.of("clients", 64, "rounds", 3, "eventsOn",
							Map.of("p50", onP50, "p99", onP99, "perSecond", onRate), "eventsOff",
							Map.of("p50", offP50, "p99", offP99, "perSecond", offRate), "webhookDeliveries",
							receiver.deliveries().size()));
			line("| Acquire, 64 clients, lifecycle events on (NATS and a webhook) vs off: p50 / p99, throughput (median of 3 rounds each) | %.2f / %.2f ms, %.0f/s | %.2f / %.2f ms, %.0f/s (events off) | p99 ×%.2f, throughput ×%.2f | within noise |",
					onP50, onP99, onRate, offP50, offP99, offRate, onP99 / offP99, onRate / offRate);
		}
	}

	/**
	 * Adaptive sizing against fixed targets, replayed through the real sizing code by
	 * {@link PoolSimulation} on the traces of {@link SizingScenarios}: for each, what a
	 * fixed target that refuses no more costs in idle shops, and what one that idles no
	 * more refuses.
	 */
	private void sizing() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (PoolSimulation.Trace trace : SizingScenarios.traces()) {
			SizingComparison comparison = SizingComparison.on(trace);
			PoolSimulation.Outcome adaptive = comparison.adaptive();
			PoolSimulation.Outcome asFewRefused = comparison.asFewRefused();
			PoolSimulation.Outcome asFewIdle = comparison.asFewIdle();
			rows.add(Map.of("trace", trace.name(), "adaptive", adaptive, "fixedRefusingNoMore", asFewRefused,
					"fixedIdlingNoMore", asFewIdle));
			line("| Sizing, %s (%d arrivals, %.0f h), adaptive: refused, ready shop-hours, highest target | %d, %.1f h, %d | fixed %d: %d refused, %.1f h (smallest refusing no more); fixed %d: %d refused, %.1f h (largest idling no more) | ready hours ×%.2f of the fixed that refuses no more | no fixed target refuses fewer without idling more |",
					trace.name(), adaptive.arrivals(), trace.seconds() / 3600.0, adaptive.refused(),
					adaptive.readyShopHours(), adaptive.highestTarget(), asFewRefused.highestTarget(),
					asFewRefused.refused(), asFewRefused.readyShopHours(), asFewIdle.highestTarget(),
					asFewIdle.refused(), asFewIdle.readyShopHours(),
					adaptive.readyShopHours() / asFewRefused.readyShopHours());
		}
		this.results.put("sizing", rows);
	}

	private static Map<String, String> withEvents(Map<String, String> environment, NatsProcess nats,
			WebhookReceiver receiver) {
		environment.putAll(Map.of("EVENTS_NATS_URL", nats.url(), "EVENTS_WEBHOOK_URL", receiver.url(),
				"EVENTS_WEBHOOK_SECRET", WebhookReceiver.SECRET));
		return environment;
	}

	private Stats acquireRound(Valkey valkey, Deployment deployment) throws InterruptedException {
		Seeding.ready(valkey.connection, prefix(deployment), 20_000);
		return load(64, 20_000, () -> acquire(deployment.servicePort()));
	}

	private static double median(List<Stats> rounds, java.util.function.ToDoubleFunction<Stats> measure) {
		return rounds.stream().mapToDouble(measure).sorted().toArray()[rounds.size() / 2];
	}

	/**
	 * Starts {@code count} replicas of {@code deployment}, each the packaged service in a
	 * process of its own with an API port of its own, as {@code REPLICAS=n make run}
	 * does; warms each one's acquire path as the other acquire measurements do; then
	 * measures acquires sent to Caddy, which spreads them over the replicas, and, for
	 * comparison, as many sent straight to the replicas in turn.
	 */
	private Replicas acquireThroughReplicas(Deployment deployment, int count) throws Exception {
		long started = System.nanoTime();
		String prefix = prefix(deployment);
		List<Integer> ports = new ArrayList<>();
		List<Callable<ServiceProcess>> starts = new ArrayList<>();
		List<ApiClient> admins = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			int port = FreePorts.next();
			int managementPort = FreePorts.next();
			Map<String, String> environment = new HashMap<>(seededEnvironment(deployment));
			environment
				.putAll(Map.of("SERVER_PORT", String.valueOf(port), "MANAGEMENT_PORT", String.valueOf(managementPort),
						"CADDY_API_UPSTREAM", "127.0.0.1:" + port, "REPLICA_NAME", "r" + i));
			Path log = Path.of("target/bench-replicas-" + count + "-r" + i + ".log");
			ports.add(port);
			admins.add(new ApiClient(managementPort));
			starts.add(() -> ServiceProcess.start(environment, port, log));
		}
		List<ServiceProcess> replicas = new ArrayList<>();
		try (Valkey valkey = new Valkey(); ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
			try {
				// The leader writes the replicas it knows of into Caddy's API route when
				// it takes over and at each reconcile round, which must not run here: it
				// would fail the seeded shops, which have no container. So the benchmark
				// holds the lease until every replica knows of every other, and the one
				// that claims it then lists them all in its first and only round.
				valkey.commands.set(prefix + "leader", "0 benchmark",
						SetArgs.Builder.px(Duration.ofMinutes(3).toMillis()));
				for (Future<ServiceProcess> replica : background.invokeAll(starts)) {
					replicas.add(replica.get());
				}
				waitUntil(() -> admins.stream()
					.allMatch((admin) -> admin.get("/admin/replicas", "X-API-Key", deployment.adminKey())
						.json()
						.path("replicas")
						.size() == count), Duration.ofSeconds(30));
				valkey.commands.del(prefix + "leader");
				waitUntil(() -> apiUpstreams(deployment) == count, Duration.ofSeconds(30));
				awaitStartupReconciles(admins);
				long up = System.nanoTime();

				// Each replica's acquire path compiled, as in the acquire rows; then
				// Caddy's connections to each replica opened.
				int warmUps = count * WARM_UP_ACQUIRES;
				Seeding.ready(valkey.connection, prefix, warmUps + REPLICA_CLIENTS * 100);
				AtomicInteger next = new AtomicInteger();
				load(REPLICA_CLIENTS, warmUps, () -> acquire(ports.get(next.getAndIncrement() % count)));
				load(REPLICA_CLIENTS, REPLICA_CLIENTS * 100, () -> acquireThroughCaddy(deployment));
				long warm = System.nanoTime();

				Acquires caddy = acquires(valkey, prefix, () -> acquireThroughCaddy(deployment));
				Acquires direct = acquires(valkey, prefix, () -> acquire(ports.get(next.getAndIncrement() % count)));
				System.out.printf(java.util.Locale.ROOT,
						"%d replica(s): up in %.0f s, warm in %.0f s, measured in %.0f s%n", count,
						(up - started) / 1e9, (warm - up) / 1e9, (System.nanoTime() - warm) / 1e9);
				return new Replicas(caddy, direct);
			}
			finally {
				// The seeded shops out of Valkey first: a replica that takes the lease
				// over from one that stops reconciles, and would fail each one in turn.
				valkey.drop(prefix + "ready");
				valkey.drop(prefix + "assigned");
				valkey.drop(prefix + "instances");
				for (ServiceProcess replica : replicas) {
					replica.close();
				}
			}
		}
	}

	/**
	 * How many upstreams the deployment's API route in Caddy has; 0 before it has one.
	 */
	private static int apiUpstreams(Deployment deployment) {
		try {
			return deployment.apiUpstreams().size();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * {@link #REPLICA_REQUESTS} acquires of ready shops, seeded first, made by
	 * {@link #REPLICA_CLIENTS} clients.
	 */
	private static Acquires acquires(Valkey valkey, String prefix, IntSupplier acquire) throws InterruptedException {
		Seeding.ready(valkey.connection, prefix, REPLICA_REQUESTS);
		Map<Integer, Integer> notGranted = new ConcurrentSkipListMap<>();
		Stats stats = load(REPLICA_CLIENTS, REPLICA_REQUESTS, () -> {
			int status = acquire.getAsInt();
			if (status != 201) {
				notGranted.merge(status, 1, Integer::sum);
			}
			return status;
		});
		return new Acquires(stats, notGranted);
	}

	/**
	 * Acquires: their latencies, and how many got each answer other than 201 (-1: none).
	 */
	private record Acquires(Stats stats, Map<Integer, Integer> notGranted) {

		Map<String, Object> summary() {
			return Map.of("p50", this.stats.p(50), "p99", this.stats.p(99), "p999", this.stats.p(99.9), "perSecond",
					this.stats.perSecond(), "notGranted", this.notGranted);
		}

	}

	/**
	 * The same replicas' acquires through Caddy, and straight to each replica in turn.
	 */
	private record Replicas(Acquires caddy, Acquires direct) {

		Map<String, Object> summary() {
			return Map.of("throughCaddy", this.caddy.summary(), "direct", this.direct.summary());
		}

	}

	private void write() throws IOException {
		Path results = Path.of("bench/results");
		Files.createDirectories(results);
		boolean whole = this.parts.equals(PARTS);
		String name = whole ? "latest" : "latest-" + String.join("-", this.parts);
		String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this.results);
		Files.writeString(results.resolve(name + ".json"), json);
		Files.writeString(results.resolve(name + ".md"), this.table);
		if (this.results.containsKey("acquire")) {
			Files.writeString(results.resolve(name + ".svg"), Chart.acquire(this.results));
		}
		System.out.println();
		System.out.println("Machine: " + this.results.get("machine"));
		System.out.println(this.table);
		System.out.println("Written: bench/results/" + name + ".json, .md"
				+ (this.results.containsKey("acquire") ? ", .svg" : ""));
	}

	private void line(String format, Object... arguments) {
		String text = String.format(java.util.Locale.ROOT, format, arguments);
		this.table.append(text).append('\n');
		System.out.println(text);
	}

	/**
	 * One acquire straight to a service's port, its answer read whole; its status, or -1
	 * when it got none.
	 */
	private static int acquire(int port) {
		return acquire(new HttpPost("http://127.0.0.1:" + port + ACQUIRE_PATH));
	}

	/**
	 * One acquire through Caddy, as prospects send it: to the deployment's public port,
	 * for its base domain.
	 */
	private static int acquireThroughCaddy(Deployment deployment) {
		HttpPost request = new HttpPost("http://127.0.0.1:" + deployment.publicPort() + ACQUIRE_PATH);
		request.setHeader(HttpHeaders.HOST,
				deployment.environment().get("BASE_DOMAIN") + ":" + deployment.publicPort());
		return acquire(request);
	}

	private static int acquire(HttpPost request) {
		try {
			return LOAD.execute(request, (response) -> {
				EntityUtils.consume(response.getEntity());
				return response.getCode();
			});
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Sets the pool's target size through the admin API, as an operator would. */
	private static void setPoolTarget(Deployment deployment, int target) {
		new ApiClient(deployment.managementPort()).send(org.springframework.http.HttpMethod.PUT, "/admin/pool/target",
				"{\"target\":" + target + "}", "X-API-Key", deployment.adminKey());
	}

	/** Acquires a shop; its host name. */
	private static String acquiredHost(int port) throws IOException {
		return LOAD.execute(new HttpPost("http://127.0.0.1:" + port + ACQUIRE_PATH),
				(response) -> JSON.readTree(EntityUtils.toString(response.getEntity())).path("id").asString()
						+ ".demo.localhost");
	}

	/**
	 * The status of a shop's page, asked through Caddy on a connection of its own, as a
	 * browser opening a new host name would.
	 */
	private static int shopPage(Deployment deployment, String host) throws IOException {
		HttpGet page = new HttpGet("http://127.0.0.1:" + deployment.publicPort() + "/");
		page.setHeader(HttpHeaders.HOST, host + ":" + deployment.publicPort());
		page.setHeader(HttpHeaders.CONNECTION, "close");
		return LOAD.execute(page, (response) -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
	}

	/**
	 * {@code requests} calls of {@code call}, spread over {@code clients} threads; their
	 * latencies. Latencies go to a plain array: boxing a million of them would make the
	 * client's own collector pause inside the measurements.
	 */
	private static Stats load(int clients, int requests, Call call) throws InterruptedException {
		return paced(clients, Double.POSITIVE_INFINITY, requests, call);
	}

	/**
	 * {@code requests} calls of {@code call} due at a steady {@code perSecond} (as fast
	 * as they go when infinite), spread over {@code clients} threads. Each latency counts
	 * from when its call was due, not from when a thread got to it, so a backlog shows in
	 * the figures.
	 */
	private static Stats paced(int clients, double perSecond, int requests, Call call) throws InterruptedException {
		long[] latencies = new long[requests];
		AtomicInteger next = new AtomicInteger();
		long started = System.nanoTime();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int c = 0; c < clients; c++) {
				threads.execute(() -> {
					for (int k = next.getAndIncrement(); k < requests; k = next.getAndIncrement()) {
						long due = Double.isInfinite(perSecond) ? System.nanoTime()
								: started + (long) (k * 1e9 / perSecond);
						LockSupport.parkNanos(due - System.nanoTime());
						call.run();
						latencies[k] = System.nanoTime() - due;
					}
				});
			}
		}
		return Stats.of(latencies, (System.nanoTime() - started) / 1e9);
	}

	@FunctionalInterface
	interface Call {

		Object run();

	}

	private static void waitUntil(java.util.concurrent.Callable<Boolean> condition, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.call()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("gave up waiting after " + timeout);
			}
			Thread.sleep(20);
		}
	}

	private static void awaitFirstReconcile(Deployment deployment) throws Exception {
		awaitStartupReconciles(List.of(new ApiClient(deployment.managementPort())));
	}

	/**
	 * Waits until one of the replicas (by their management APIs) has reconciled, and its
	 * rounds have stopped coming: a leader reconciles when it takes the lease and at its
	 * first scheduled round, so one or two rounds, one after the other, as it happens.
	 * Seeded shops have no container, and a round that found them would fail them.
	 */
	private static void awaitStartupReconciles(List<ApiClient> managements) throws Exception {
		waitUntil(() -> managements.stream().anyMatch((management) -> reconcileRounds(management) >= 1),
				Duration.ofSeconds(60));
		ApiClient leader = managements.stream()
			.filter((management) -> reconcileRounds(management) >= 1)
			.findFirst()
			.orElseThrow();
		for (long rounds = -1; rounds != reconcileRounds(leader);) {
			rounds = reconcileRounds(leader);
			Thread.sleep(2000);
		}
	}

	/** The reconcile rounds a replica has completed, from its metrics. */
	private static long reconcileRounds(ApiClient management) {
		String count = "demo_reconcile_rounds_seconds_count ";
		return management.get("/metrics")
			.body()
			.lines()
			.filter((line) -> line.startsWith(count))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(count.length())))
			.findFirst()
			.orElse(0);
	}

	private static String prefix(Deployment deployment) {
		return "{" + deployment.environment().get("DEPLOYMENT_NAME") + "}:";
	}

	private static Map<String, String> seededEnvironment(Deployment deployment) {
		Map<String, String> environment = new HashMap<>(deployment.environment());
		environment.putAll(Map.of("POOL_TARGET_SIZE", "0", "POOL_MAX_SIZE", "10000", "POOL_DEFAULT_TTL", "2h",
				"POOL_MAX_TTL", "2h", "RECONCILE_INTERVAL", "1h", "RATE_LIMIT_HOURLY", "1000000", "RATE_LIMIT_DAILY",
				"1000000", "RATE_LIMIT_LIVE", "1000000"));
		return environment;
	}

	private static Map<String, String> realEnvironment(Deployment deployment) {
		Map<String, String> environment = new HashMap<>(deployment.environment());
		environment.putAll(Map.of("POOL_TARGET_SIZE", "0", "POOL_MAX_SIZE", "40", "POOL_WARMUP_CONCURRENCY", "4",
				"RATE_LIMIT_HOURLY", "1000", "RATE_LIMIT_DAILY", "1000", "RATE_LIMIT_LIVE", "1000"));
		return environment;
	}

	private static final String CADDY_CALLS = "demo_dependency_calls_seconds";

	private static final String CADDY = "{dependency=\"caddy\"";

	/**
	 * The total time and count of a timer of the service, from its metrics: the series of
	 * {@code meter} whose labels begin with {@code labels}, summed.
	 */
	private record Timings(double seconds, double count) {

		static Timings of(Deployment deployment, String meter, String labels) {
			double seconds = 0;
			double count = 0;
			for (String line : new ApiClient(deployment.managementPort()).get("/metrics").body().split("\n")) {
				if (line.startsWith(meter + "_sum" + labels)) {
					seconds += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
				else if (line.startsWith(meter + "_count" + labels)) {
					count += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			return new Timings(seconds, count);
		}

		double mean() {
			return this.seconds / this.count;
		}

		double millisPerCallSince(Timings before) {
			return (this.seconds - before.seconds) / (this.count - before.count) * 1000;
		}

	}

	/** A Lettuce connection for seeding pools and measuring the floor. */
	private static final class Valkey implements AutoCloseable {

		private static final String ACQUIRE = source("valkey/acquire.lua");

		private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");

		private final StatefulRedisConnection<String, String> connection = this.client.connect();

		private final RedisCommands<String, String> commands = this.connection.sync();

		private final String sha = this.commands.scriptLoad(ACQUIRE);

		/** The acquire script, with the same keys and arguments as the service passes. */
		Object acquire(String prefix) {
			long now = System.currentTimeMillis();
			return this.commands.evalsha(this.sha, ScriptOutputType.MULTI,
					new String[] { prefix + "ready", prefix + "assigned", prefix + "client:floor:acquires",
							prefix + "client:floor:live", prefix + "warming", prefix + "instances" },
					String.valueOf(now), String.valueOf(now + 7_200_000), "hash", "floor", "1000000", "1000000",
					"1000000");
		}

		void drop(String prefixOrKey) {
			List<String> keys = this.commands.keys(prefixOrKey.replace("{", "\\{").replace("}", "\\}") + "*");
			if (!keys.isEmpty()) {
				this.commands.del(keys.toArray(String[]::new));
			}
		}

		private static String source(String resource) {
			try {
				return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			this.connection.close();
			this.client.shutdown();
		}

	}

	/**
	 * Writes ready shop records straight into Valkey, as a warm-up's last step leaves
	 * them.
	 */
	static final class Seeding {

		private Seeding() {
		}

		/** Pipelined: tens of thousands of shops take a second, not a minute. */
		static void ready(StatefulRedisConnection<String, String> connection, String prefix, int count) {
			RedisAsyncCommands<String, String> commands = connection.async();
			String now = String.valueOf(System.currentTimeMillis());
			List<RedisFuture<?>> writes = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = InstanceId.random().value();
				writes.add(
						commands.hset(prefix + "instances", id,
								JSON.writeValueAsString(Map.of("id", id, "state", "ready", "port", "1", "createdAt",
										now, "readyAt", now, "adminEmail", "demo@demo.localhost", "adminPassword",
										"BenchPassword1"))));
				writes.add(commands.rpush(prefix + "ready", id));
			}
			if (!LettuceFutures.awaitAll(Duration.ofMinutes(1), writes.toArray(RedisFuture[]::new))) {
				throw new IllegalStateException("seeding " + count + " shops took over a minute");
			}
		}

	}

}
