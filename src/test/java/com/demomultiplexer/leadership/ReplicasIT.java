package com.demomultiplexer.leadership;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EventStream;
import com.demomultiplexer.support.FreePorts;
import com.demomultiplexer.support.LifecycleEvents;
import com.demomultiplexer.support.ServiceProcess;
import com.demomultiplexer.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas of one deployment, each the packaged service in a process of its own, on
 * the host's Valkey, Docker, Caddy and MariaDB. Acquires go through Caddy, which spreads
 * them over the replicas. The leader is killed with SIGKILL, and the replica that takes
 * over is frozen with SIGSTOP past its lease and later thawed: every shop is handed out
 * once, the pool comes back to its target and never exceeds it, nothing leaks, shops
 * still expire, and a countdown stream on the surviving replica keeps ticking. The
 * lifecycle events, relayed to a webhook receiver of the test's own by whichever replica
 * leads, tell every shop's life truthfully, and only the leader relays.
 */
class ReplicasIT {

	private static final int TARGET = 3;

	private static final Duration TTL = Duration.ofSeconds(45);

	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final Pattern LEADER_SERIES = Pattern.compile("(?m)^demo_replica_leader\\{[^}]*} (\\S+)$");

	private static final Pattern PUBLISHED_SERIES = Pattern
		.compile("(?m)^demo_events_published_total\\{[^}]*sink=\"webhook\"[^}]*} (\\S+)$");

	private final Deployment deployment = new Deployment(25300);

	/** Receives the deployment's lifecycle events, from whichever replica relays them. */
	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final List<Replica> replicas = new ArrayList<>();

	/** Shops handed out, by anyone. */
	private final ConcurrentLinkedQueue<String> handedOut = new ConcurrentLinkedQueue<>();

	/** The most shops ever warming or ready at once, sampled from Valkey. */
	private final AtomicLong mostInPool = new AtomicLong();

	private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

	ReplicasIT() throws IOException {
	}

	@AfterEach
	void stopEverything() throws Exception {
		this.background.shutdownNow();
		for (Replica replica : this.replicas) {
			replica.process().close();
		}
		this.deployment.close();
		this.receiver.close();
	}

	@Test
	void theReplicasSurviveTheirLeadersDeathAndFreezeWithoutLosingLeakingOrDoubleHandingAShop() throws Exception {
		startReplicas();
		// Caddy stops sending requests to a frozen replica at its next failed health
		// check;
		// one sent to it before waits for it to run again, so the test gives up on it and
		// asks again (a shop it was handed meanwhile expires unclaimed).
		ApiClient throughCaddy = new ApiClient("http://127.0.0.1:" + this.deployment.publicPort(), "demo.localhost",
				Duration.ofSeconds(10));
		// Caddy listens on the public port once the first leader has made the server:
		// until then a connection is refused.
		await().atMost(Duration.ofSeconds(90))
			.ignoreExceptions()
			.until(() -> throughCaddy.get("/api/v1/pool/stats").json().path("ready").asInt() == TARGET);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.deployment.apiUpstreams().size() == 3);
		this.background.execute(this::samplePoolSize);
		Replica first = awaitOneLeader(this.replicas);

		// Concurrent acquires through Caddy, spread over the three: each shop goes once.
		List<Future<Answer>> burst = new ArrayList<>();
		for (int i = 0; i < TARGET; i++) {
			burst.add(this.background.submit(() -> throughCaddy.post("/api/v1/demo/acquire")));
		}
		List<String> beforeTheKill = new ArrayList<>();
		for (Future<Answer> answer : burst) {
			beforeTheKill.add(handOut(answer.get()));
		}
		long firstShopsAcquiredAt = System.nanoTime();

		first.process().kill();
		List<Replica> left = others(first);
		Replica second = awaitOneLeader(left);
		await("the dead leader leaves Caddy's list").atMost(Duration.ofSeconds(30))
			.until(() -> this.deployment.apiUpstreams().size() == 2);
		acquireThrough(throughCaddy, 2);

		Replica survivor = others(first, second).get(0);
		Answer watched = acquireThrough(new ApiClient(survivor.port()), 1).get(0);
		String stream = "http://127.0.0.1:" + survivor.port() + "/api/v1/demo/" + watched.text("id") + "/status?token="
				+ watched.text("token");
		try (EventStream countdown = EventStream.open(stream)) {
			assertThat(countdown.nextEvent(Duration.ofSeconds(10)).name()).isEqualTo("tick");

			// Frozen with a warm-up in flight, which its thawed warmer must not finish.
			acquireThrough(throughCaddy, 1);
			await("a warm-up in flight on the leader").atMost(Duration.ofSeconds(10))
				.until(() -> this.deployment.records()
					.values()
					.stream()
					.anyMatch((record) -> "warming".equals(record.get("state"))));
			second.process().freeze();
			assertThat(awaitOneLeader(List.of(survivor))).isEqualTo(survivor);
			acquireThrough(throughCaddy, 2);
			second.process().thaw();
			await("the thawed ex-leader follows").atMost(Duration.ofSeconds(30))
				.until(() -> !leads(second) && second.admin()
					.get("/admin/replicas", adminKey())
					.json()
					.path("leader")
					.asString()
					.equals(survivor.name()));
			assertThat(leads(survivor)).isTrue();
			acquireThrough(throughCaddy, 2);

			// Ticks sent after both takeovers, not ones that waited in the queue.
			countdown.skipArrived();
			assertThat(countdown.nextEvent(Duration.ofSeconds(10)).name()).as("the countdown on the survivor")
				.isEqualTo("tick");
			assertThat(countdown.nextEvent(Duration.ofSeconds(10)).name()).isEqualTo("tick");
		}

		assertThat(this.handedOut).doesNotHaveDuplicates();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			Answer stats = throughCaddy.get("/api/v1/pool/stats");
			assertThat(stats.json().path("ready").asInt() + stats.json().path("warming").asInt()).isEqualTo(TARGET);
			this.deployment.assertEverythingAgrees(this.handedOut);
			LifecycleEvents.assertTellTheTruth(this.receiver.acceptedOnce(), this.deployment.records(), this.handedOut);
		});
		assertThat(this.mostInPool).as("ready plus warming, at most, all along").hasValueLessThanOrEqualTo(TARGET);
		// The first shops expire on time although both leaders that knew them are gone.
		await().atMost(TTL.plus(Duration.ofSeconds(30)).minusNanos(System.nanoTime() - firstShopsAcquiredAt))
			.until(() -> beforeTheKill.stream().noneMatch(this.deployment.records()::containsKey));
		assertThat(this.deployment.containers())
			.noneMatch((container) -> beforeTheKill.contains(container.getLabels().get("demo-multiplexer.instance")));

		assertOnlyTheLeaderRelays(survivor, second, throughCaddy);
	}

	/**
	 * With the leadership settled, the events of one more hand-out and its refill arrive
	 * once each, all relayed by the leader: a follower that relayed too would send each
	 * of them again.
	 */
	private void assertOnlyTheLeaderRelays(Replica leader, Replica follower, ApiClient api)
			throws InterruptedException {
		int before = deliveriesSettled().size();
		double leaderBefore = publishedToWebhook(leader);
		double followerBefore = publishedToWebhook(follower);

		String id = acquireThrough(api, 1).get(0).text("id");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.receiver.transitionsOf(id).contains("assigned")
					&& this.deployment.records().values().stream().noneMatch((r) -> "warming".equals(r.get("state"))));
		List<WebhookReceiver.Delivery> after = deliveriesSettled();
		List<WebhookReceiver.Delivery> added = after.subList(before, after.size());

		assertThat(added).extracting(WebhookReceiver.Delivery::transition).contains("assigned", "warming", "ready");
		assertThat(added).extracting(WebhookReceiver.Delivery::id).as("each event once").doesNotHaveDuplicates();
		assertThat(publishedToWebhook(leader)).as("the leader relayed them").isEqualTo(leaderBefore + added.size());
		assertThat(publishedToWebhook(follower)).as("the follower relayed nothing").isEqualTo(followerBefore);
	}

	/** The deliveries so far, once a second has passed without a new one. */
	private List<WebhookReceiver.Delivery> deliveriesSettled() throws InterruptedException {
		List<WebhookReceiver.Delivery> seen;
		do {
			seen = this.receiver.deliveries();
			Thread.sleep(1000);
		}
		while (!seen.equals(this.receiver.deliveries()));
		return seen;
	}

	/** What the replica's own metrics say it relayed to the webhook. */
	private double publishedToWebhook(Replica replica) {
		Matcher series = PUBLISHED_SERIES.matcher(replica.admin().get("/metrics").body());
		return series.find() ? Double.parseDouble(series.group(1)) : 0;
	}

	private void startReplicas() throws Exception {
		List<Callable<Replica>> starts = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			String name = "r" + i;
			int port = FreePorts.next();
			int managementPort = FreePorts.next();
			Map<String, String> environment = new HashMap<>(this.deployment.environment());
			environment.putAll(Map.of("SERVER_PORT", String.valueOf(port), "MANAGEMENT_PORT",
					String.valueOf(managementPort), "CADDY_API_UPSTREAM", "127.0.0.1:" + port, "REPLICA_NAME", name,
					"REPLICA_LEASE", LEASE.toSeconds() + "s", "POOL_TARGET_SIZE", String.valueOf(TARGET),
					"POOL_DEFAULT_TTL", TTL.toSeconds() + "s", "RECONCILE_INTERVAL", "2s"));
			environment.putAll(Map.of("EVENTS_WEBHOOK_URL", this.receiver.url(), "EVENTS_WEBHOOK_SECRET",
					WebhookReceiver.SECRET, "EVENTS_RELAY_INTERVAL", "100ms"));
			// Three JVMs starting at once on two cores: the first connection to Valkey
			// may
			// take longer than the production default allows.
			environment.put("VALKEY_TIMEOUT", "5s");
			environment
				.putAll(Map.of("RATE_LIMIT_HOURLY", "1000", "RATE_LIMIT_DAILY", "1000", "RATE_LIMIT_LIVE", "1000"));
			starts.add(() -> new Replica(name, port, managementPort,
					ServiceProcess.start(environment, port, Path.of("target/replica-" + name + ".log"))));
		}
		// Every replica that started is kept for stopEverything, even when another
		// failed.
		Exception failure = null;
		for (Future<Replica> started : this.background.invokeAll(starts)) {
			try {
				this.replicas.add(started.get());
			}
			catch (ExecutionException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Waits until exactly one of {@code candidates} leads, and every live replica's admin
	 * API names it.
	 */
	private Replica awaitOneLeader(List<Replica> candidates) {
		return await().atMost(LEASE.multipliedBy(4).plusSeconds(10)).ignoreExceptions().until(() -> {
			List<Replica> leading = candidates.stream().filter(this::leads).toList();
			if (leading.size() != 1) {
				return null;
			}
			Replica leader = leading.get(0);
			boolean named = candidates.stream()
				.allMatch((replica) -> replica.admin()
					.get("/admin/replicas", adminKey())
					.json()
					.path("leader")
					.asString()
					.equals(leader.name()));
			return named ? leader : null;
		}, (leader) -> leader != null);
	}

	/** What the replica's own metrics say. */
	private boolean leads(Replica replica) {
		Matcher series = LEADER_SERIES.matcher(replica.admin().get("/metrics").body());
		return series.find() && Double.parseDouble(series.group(1)) == 1;
	}

	/**
	 * Acquires {@code count} shops through {@code api}, waiting for the pool to refill.
	 */
	private List<Answer> acquireThrough(ApiClient api, int count) {
		List<Answer> acquired = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Answer answer = await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> api.post("/api/v1/demo/acquire"), (reply) -> reply.status() == 201);
			handOut(answer);
			acquired.add(answer);
		}
		return acquired;
	}

	private String handOut(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		String id = answer.text("id");
		this.handedOut.add(id);
		return id;
	}

	private void samplePoolSize() {
		while (!Thread.currentThread().isInterrupted()) {
			long inPool = this.deployment.records()
				.values()
				.stream()
				.filter((record) -> List.of("ready", "warming").contains(record.get("state")))
				.count();
			this.mostInPool.accumulateAndGet(inPool, Math::max);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private List<Replica> others(Replica... excluded) {
		return this.replicas.stream().filter((replica) -> !List.of(excluded).contains(replica)).toList();
	}

	private String[] adminKey() {
		return new String[] { "X-API-Key", this.deployment.adminKey() };
	}

	private record Replica(String name, int port, int managementPort, ServiceProcess process) {

		ApiClient admin() {
			return new ApiClient(this.managementPort);
		}

	}

}
