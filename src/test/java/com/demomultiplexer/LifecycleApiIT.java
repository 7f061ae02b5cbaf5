package com.demomultiplexer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.store.AcquireRequest;
import com.demomultiplexer.store.AcquireResult;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.Elapsed;
import com.demomultiplexer.support.HostAddresses;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.EventStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.demomultiplexer.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trial lifecycle API over real HTTP against a real Valkey: owner tokens, extensions
 * and their caps, the countdown stream, rate limits, client addresses behind proxies,
 * CORS and bad input. The pool's replenisher is off (target 0) and the reconciler runs
 * only at start-up: shops are recorded straight into Valkey and moved to ready by the
 * same script a warm-up ends with, so these tests need no containers.
 */
@EndToEndTest
@Tag(ContainerEngine.TAG)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h", "SERVER_ADDRESS=0.0.0.0",
		"POOL_DEFAULT_TTL=30m", "POOL_MAX_TTL=60m", "POOL_MAX_EXTENSIONS=2", "RATE_LIMIT_HOURLY=5",
		"RATE_LIMIT_DAILY=50", "RATE_LIMIT_LIVE=50", "CORS_ALLOWED_ORIGINS=https://shop.example.com" })
class LifecycleApiIT {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private static final Deployment deployment = new Deployment(23000);

	private static final String PROBLEM = "application/problem+json";

	@LocalServerPort
	int port;

	@Autowired
	InstanceRepository instances;

	@Autowired
	LeaderLease lease;

	/** This test plays the leader's part with the service's own token. */
	private Fence fence;

	@Autowired
	MeterRegistry meters;

	private ApiClient api;

	private static final AtomicInteger clients = new AtomicInteger();

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@BeforeEach
	void connect() {
		// The reconciler's start-up round would fail these container-less shops as dead.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.find("demo.reconcile.rounds").timer() != null
					&& this.meters.get("demo.reconcile.rounds").timer().count() >= 1);
		this.api = new ApiClient(this.port);
		this.instances.seedPorts(23000, 23049);
		emptyPool();
	}

	@Test
	void everyCallAboutADemoNeedsItsOwnerTokenAndAWrongOneRevealsNothing() {
		String[] client = newClient();
		readyShops(1);
		Answer acquired = this.api.post("/api/v1/demo/acquire", client);
		String path = "/api/v1/demo/" + acquired.text("id");
		String token = acquired.text("token");

		assertThat(this.api.get(path).status()).isEqualTo(401);
		Answer wrongToken = this.api.get(path, bearer("x" + token));
		Answer unknownId = this.api.get("/api/v1/demo/" + InstanceId.random(), bearer(token));
		assertThat(wrongToken.status()).isEqualTo(404);
		assertThat(wrongToken.text("detail")).isEqualTo(unknownId.text("detail"));
		assertThat(wrongToken.text("title")).isEqualTo(unknownId.text("title"));
		assertThat(this.api.delete(path, bearer("x" + token)).status()).isEqualTo(404);
		assertThat(this.api.postJson(path + "/extend", "{\"minutes\":5}", bearer("x" + token)).status()).isEqualTo(404);
		assertThat(this.api.get(path + "/status?token=x" + token).status()).isEqualTo(404);
		assertThat(this.api.get(path + "/status").status()).isEqualTo(401);

		Answer found = this.api.get(path, bearer(token));
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.text("state")).isEqualTo("assigned");
		assertThat(found.text("expiresAt")).isEqualTo(acquired.text("expiresAt"));
		assertThat(found.json().has("token")).isFalse();
		assertThat(this.api.delete(path, bearer(token)).status()).isEqualTo(204);
		assertThat(this.api.get(path, bearer(token)).status()).isEqualTo(404);
	}

	@Test
	void extensionsStopAtTheLifetimeCapAndTheNumberAllowed() {
		readyShops(1);
		Answer acquired = this.api.post("/api/v1/demo/acquire", newClient());
		String path = "/api/v1/demo/" + acquired.text("id");
		String[] owner = bearer(acquired.text("token"));
		Instant expiresAt = Instant.parse(acquired.text("expiresAt"));

		Answer extended = this.api.postJson(path + "/extend", "{\"minutes\":20}", owner);
		assertThat(extended.status()).isEqualTo(200);
		assertThat(Instant.parse(extended.text("expiresAt"))).isEqualTo(expiresAt.plus(Duration.ofMinutes(20)));
		assertThat(extended.json().path("extensionsLeft").asInt()).isOne();

		Answer tooLong = this.api.postJson(path + "/extend", "{\"minutes\":20}", owner);
		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.contentType()).startsWith(PROBLEM);
		assertThat(tooLong.json().path("maxMinutes").asInt()).isEqualTo(10);

		assertThat(this.api.postJson(path + "/extend", "{\"minutes\":10}", owner).status()).isEqualTo(200);
		Answer noneLeft = this.api.postJson(path + "/extend", "{\"minutes\":1}", owner);
		assertThat(noneLeft.status()).isEqualTo(422);
		assertThat(noneLeft.json().path("maxMinutes").asInt()).isZero();
		assertThat(Instant.parse(this.api.get(path, owner).text("expiresAt")))
			.isEqualTo(expiresAt.plus(Duration.ofMinutes(30)));
	}

	@Test
	void theStatusStreamTicksAndFollowsExtensionsAndTheEndFromAnyRequest() throws Exception {
		readyShops(1);
		long acquiredAt = System.nanoTime();
		Answer acquired = this.api.post("/api/v1/demo/acquire", newClient());
		String path = "/api/v1/demo/" + acquired.text("id");
		String token = acquired.text("token");
		String streamUrl = "http://127.0.0.1:" + this.port + path + "/status?token=" + token;

		try (EventStream first = EventStream.open(streamUrl); EventStream second = EventStream.open(streamUrl)) {
			EventStream.Event tick = first.next(Duration.ofSeconds(10));
			assertThat(first.contentType()).startsWith("text/event-stream");
			assertThat(tick.name()).isEqualTo("tick");
			// 30 minutes from the acquire, less the time this machine took since then.
			assertThat(tick.data().path("remainingSeconds").asLong())
				.isBetween(1800 - Elapsed.secondsSinceRoundedUp(acquiredAt), 1800L);
			EventStream.Event nextTick = first.next(Duration.ofSeconds(10));
			assertThat(nextTick.name()).isEqualTo("tick");
			assertThat(nextTick.data().path("remainingSeconds").asLong())
				.isLessThanOrEqualTo(tick.data().path("remainingSeconds").asLong());
			second.next(Duration.ofSeconds(10));

			String extendedTo = this.api.postJson(path + "/extend", "{\"minutes\":10}", bearer(token))
				.text("expiresAt");

			for (EventStream stream : List.of(first, second)) {
				EventStream.Event extended = stream.nextOtherThanTick(Duration.ofSeconds(5));
				assertThat(extended.name()).isEqualTo("extended");
				assertThat(extended.data().path("expiresAt").asString()).isEqualTo(extendedTo);
				assertThat(extended.data().path("remainingSeconds").asLong())
					.isBetween(2400 - Elapsed.secondsSinceRoundedUp(acquiredAt), 2400L);
			}

			this.api.delete(path, bearer(token));

			for (EventStream stream : List.of(first, second)) {
				EventStream.Event released = stream.nextOtherThanTick(Duration.ofSeconds(5));
				assertThat(released.name()).isEqualTo("released");
				assertThat(released.data().path("state").asString()).isEqualTo("released");
				assertThat(stream.closedWithin(Duration.ofSeconds(5))).isTrue();
			}
		}
	}

	@Test
	void aHundredConcurrentAcquiresFromOneClientGetExactlyItsFive() throws Exception {
		readyShops(8);
		String[] client = newClient();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(100);
		List<Future<Answer>> answers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			answers.add(callers.submit(() -> {
				start.await();
				return this.api.post("/api/v1/demo/acquire", client);
			}));
		}
		long started = System.nanoTime();
		start.countDown();
		List<Answer> done = new ArrayList<>();
		for (Future<Answer> answer : answers) {
			done.add(answer.get());
		}
		callers.shutdown();
		// Retry-After counts down from an hour after the first grant, which came no
		// earlier than the burst started: however long the burst took on this machine,
		// every refusal lies within it.
		long burstSeconds = Elapsed.secondsSinceRoundedUp(started);

		assertThat(done).filteredOn((answer) -> answer.status() == 201).hasSize(5);
		assertThat(done).filteredOn((answer) -> answer.status() == 429).hasSize(95).allSatisfy((refused) -> {
			assertThat(refused.contentType()).startsWith(PROBLEM);
			assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(3600L - burstSeconds,
					3600L);
			assertThat(refused.headers().getFirst("RateLimit")).startsWith("\"hourly\";r=0");
			assertThat(refused.headers().getFirst("RateLimit-Policy")).contains("\"hourly\";q=5;w=3600");
		});
		assertThat(this.api.get("/api/v1/pool/stats").json().path("ready").asInt()).isEqualTo(3);
	}

	@Test
	void forwardedHeadersFromAPeerThatIsNoTrustedProxyAreIgnored() {
		readyShops(6);
		ApiClient untrusted = new ApiClient("http://" + HostAddresses.mainIpv4() + ":" + this.port);
		for (int i = 0; i < 5; i++) {
			String spoofed = "203.0.113." + (100 + i);
			assertThat(untrusted.post("/api/v1/demo/acquire", "X-Forwarded-For", spoofed, "Forwarded", "for=" + spoofed)
				.status()).isEqualTo(201);
		}

		Answer sixth = untrusted.post("/api/v1/demo/acquire", "X-Forwarded-For", "203.0.113.200");

		assertThat(sixth.status()).as("all five were counted against the peer's own address").isEqualTo(429);
		assertThat(this.api.post("/api/v1/demo/acquire", "X-Forwarded-For", "203.0.113.200").status())
			.as("from the trusted proxy (loopback) the header names the client")
			.isEqualTo(201);
	}

	@Test
	void corsPreflightIsAnsweredForAnAllowedOriginOnly() {
		Answer allowed = this.api.send(HttpMethod.OPTIONS, "/api/v1/demo/acquire", null, "Origin",
				"https://shop.example.com", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
				"authorization,content-type");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.headers().getFirst("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
		assertThat(allowed.headers().getFirst("Access-Control-Allow-Methods")).contains("POST");

		Answer refused = this.api.send(HttpMethod.OPTIONS, "/api/v1/demo/acquire", null, "Origin",
				"https://evil.example.net", "Access-Control-Request-Method", "POST");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.headers().getFirst("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void aWaitingAcquireGetsTheShopThatFinishesWarming() throws Exception {
		String[] client = newClient();
		double emptyBefore = emptyTries();
		CompletableFuture<Answer> waiting = CompletableFuture
			.supplyAsync(() -> this.api.post("/api/v1/demo/acquire?waitSeconds=30", client));
		await().atMost(Duration.ofSeconds(20)).until(() -> emptyTries() > emptyBefore);
		assertThat(waiting).as("found the pool empty, and waits").isNotDone();

		InstanceId warmed = readyShops(1).get(0);
		long readyAt = System.nanoTime();

		Answer answer = waiting.get();
		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.text("id")).isEqualTo(warmed.value());
		// Woken by the shop, not by the end of its 30 s wait. Half the wait is a generous
		// bound: the service answers in milliseconds and tries again every second should
		// it miss the shop's event, so only a machine stalled for many seconds misses it.
		assertThat(Duration.ofNanos(System.nanoTime() - readyAt)).isLessThan(Duration.ofSeconds(15));
	}

	/** Acquires the service found the pool empty for, waiting ones' retries included. */
	private double emptyTries() {
		Timer empty = this.meters.find("demo.acquire").tag("outcome", "empty").timer();
		return (empty != null) ? empty.count() : 0;
	}

	@Test
	void anEmptyPoolAnswers503WithRetryAfterAndCountsNothing() {
		String[] client = newClient();
		Answer empty = this.api.post("/api/v1/demo/acquire", client);

		assertThat(empty.status()).isEqualTo(503);
		assertThat(empty.contentType()).startsWith(PROBLEM);
		assertThat(Long.parseLong(empty.headers().getFirst("Retry-After"))).isPositive();
		readyShops(1);
		assertThat(this.api.post("/api/v1/demo/acquire", client).headers().getFirst("RateLimit"))
			.startsWith("\"hourly\";r=4");
	}

	@Test
	void badInputGetsA4xxProblemAndChangesNothing() {
		readyShops(2);
		Answer acquired = this.api.post("/api/v1/demo/acquire", newClient());
		String path = "/api/v1/demo/" + acquired.text("id");
		String[] owner = bearer(acquired.text("token"));
		String before = this.api.get(path, owner).body();
		String poolBefore = this.api.get("/api/v1/pool/stats").body();
		record Case(HttpMethod method, String path, String body, int status, String... headers) {
		}
		String json = "Content-Type";
		List<Case> cases = List.of(new Case(HttpMethod.GET, "/api/v1/demo/NOT-AN-ID", null, 400, owner),
				new Case(HttpMethod.GET, "/api/v1/demo/" + InstanceId.random(), null, 404, owner),
				new Case(HttpMethod.DELETE, "/api/v1/demo/" + "a".repeat(21), null, 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":0}", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":-30}", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":100000}", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":1e300}", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":\"ten\"}", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "", 400, owner),
				new Case(HttpMethod.POST, path + "/extend", "minutes=10", 415, owner[0], owner[1], json,
						"application/x-www-form-urlencoded"),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":10,\"x\":\"" + "y".repeat(10_000) + "\"}",
						413, owner),
				new Case(HttpMethod.POST, path + "/extend", "{\"minutes\":31}", 422, owner),
				new Case(HttpMethod.PUT, path, "{}", 405, owner),
				new Case(HttpMethod.POST, "/api/v1/demo/acquire?waitSeconds=9999", null, 400),
				new Case(HttpMethod.POST, "/api/v1/demo/acquire?waitSeconds=-1", null, 400),
				new Case(HttpMethod.GET, "/api/v1/nothing-here", null, 404));

		for (Case bad : cases) {
			Answer answer = this.api.send(bad.method(), bad.path(), bad.body(), bad.headers());
			assertThat(answer.status()).as(bad.method() + " " + bad.path() + " " + bad.body()).isEqualTo(bad.status());
			assertThat(answer.contentType()).as(bad.method() + " " + bad.path()).startsWith(PROBLEM);
			assertThat(answer.json().path("status").asInt()).isEqualTo(bad.status());
			assertThat(answer.json().path("title").asString()).isNotBlank();
		}
		assertThat(this.api.get(path, owner).body()).isEqualTo(before);
		assertThat(this.api.get("/api/v1/pool/stats").body()).isEqualTo(poolBefore);
	}

	@Test
	void theContractIsPublishedAsOpenApi() {
		Answer document = this.api.get("/v3/api-docs");

		assertThat(document.status()).isEqualTo(200);
		assertThat(document.json().path("paths").propertyNames()).contains("/api/v1/demo/acquire", "/api/v1/demo/{id}",
				"/api/v1/demo/{id}/extend", "/api/v1/demo/{id}/status", "/api/v1/pool/stats");
		assertThat(document.json().at("/paths/~1api~1v1~1demo~1acquire/post/responses").propertyNames()).contains("201",
				"429", "503");
		assertThat(document.json().at("/components/schemas/Problem").isMissingNode()).isFalse();
		assertThat(this.api.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	/**
	 * Records shops as warming and moves them to ready, as a warm-up does, with no
	 * container.
	 */
	private List<InstanceId> readyShops(int count) {
		List<InstanceId> ids = new ArrayList<>();
		this.fence = Leases.awaitLeading(this.lease);
		for (int i = 0; i < count; i++) {
			InstanceId id = InstanceId.random();
			this.instances.reserve(id, Instant.now(), LOGIN, this.fence).orElseThrow();
			assertThat(this.instances.markReady(id, Instant.now(), this.fence)).isTrue();
			ids.add(id);
		}
		return ids;
	}

	/**
	 * A client address of its own for each caller, given as Caddy (a trusted proxy)
	 * would.
	 */
	private static String[] newClient() {
		return new String[] { "X-Forwarded-For", "198.51.100." + clients.incrementAndGet() };
	}

	/**
	 * Hands out whatever another test left in the pool, so each test starts from an empty
	 * one.
	 */
	private void emptyPool() {
		AcquireRequest drain = new AcquireRequest("drain", "none", Instant.now(), Instant.now().plusSeconds(60),
				new AcquireRequest.ClientLimits(1000, 1000, 1000), false);
		while (this.instances.acquire(drain) instanceof AcquireResult.Granted) {
			// keep draining
		}
	}

}
