package com.demomultiplexer.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment's own redis-server (standing in for Valkey) stops: acquires fail fast
 * with 503 problem+json and health is DOWN; it starts again (empty: it keeps nothing on
 * disk): the service recovers by itself, clears the shops it can no longer account for,
 * and refills the pool.
 */
@EndToEndTest
@TestPropertySource(
		properties = { "POOL_TARGET_SIZE=1", "RECONCILE_INTERVAL=2s", "VALKEY_TIMEOUT=30s", "POOL_BACKOFF_MAX=5s" })
class ValkeyOutageIT {

	/** VALKEY_TIMEOUT above. */
	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	private static final Deployment deployment = Deployment.withOwnValkey(24400);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void anOutageFailsFastAndTheServiceRecoversWithoutARestart() throws Exception {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		String beforeOutage = deployment.records().keySet().iterator().next();

		deployment.ownValkey().stop();
		try {
			List<CompletableFuture<Answer>> acquires = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = 0; i < 20; i++) {
				acquires.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/demo/acquire")));
			}
			for (CompletableFuture<Answer> acquire : acquires) {
				Answer answer = acquire.get();
				assertThat(answer.status()).isEqualTo(503);
				assertThat(answer.contentType()).startsWith("application/problem+json");
				assertThat(answer.headers().getFirst("Retry-After")).isNotBlank();
			}
			// Fast means refused at once, not queued until the command timeout: with a
			// 30 s timeout, a third of it separates the two however loaded the machine.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(COMMAND_TIMEOUT.dividedBy(3));
			assertThat(api.get("/health").status()).isEqualTo(503);
			Answer readiness = new ApiClient(deployment.managementPort()).get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.json().at("/components/valkey/status").asString()).isEqualTo("DOWN");
		}
		finally {
			deployment.ownValkey().startAgain();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health").status() == 200);
		await().atMost(Duration.ofSeconds(60)).until(() -> api.post("/api/v1/demo/acquire").status() == 201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !deployment.containerExists(beforeOutage));
		// The rounds that failed during the outage backed off; the pool is back at its
		// target (ReplenisherTest shows a failed reservation gives its slot back).
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
	}

}
