package com.demomultiplexer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pool of one that may not grow: once its shop is handed out the pool is empty (503),
 * and at the shop's TTL the reaper destroys it completely, after which the pool refills.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_MAX_SIZE=1", "POOL_DEFAULT_TTL=4s",
		"POOL_REAP_INTERVAL=200ms", "POOL_RETRY_AFTER=7s", "POOL_WARMUP_TIMEOUT=30s" })
class ShopExpiryEndToEndIT {

	private static final Deployment deployment = new Deployment(32100);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void anEmptyPoolAnswers503AndAnExpiredShopIsDestroyedWithoutTrace() {
		ApiClient api = new ApiClient(this.port);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);

		Answer acquired = api.post("/api/v1/demo/acquire");
		assertThat(acquired.status()).isEqualTo(201);
		String id = acquired.text("id");

		Answer empty = api.post("/api/v1/demo/acquire");
		assertThat(empty.status()).isEqualTo(503);
		assertThat(empty.contentType()).startsWith("application/problem+json");
		assertThat(empty.headers().getFirst("Retry-After")).isEqualTo("7");
		assertThat(empty.text("title")).isEqualTo("Pool empty");

		await().atMost(Duration.ofSeconds(20)).until(() -> !deployment.containerExists(id));
		await().atMost(Duration.ofSeconds(5)).until(() -> !deployment.recordExists(id));
		assertThat(deployment.routeExists(id)).isFalse();
		assertThat(api.get("/api/v1/demo/" + id).status()).isEqualTo(404);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		assertThat(deployment.containers()).hasSize(1);
	}

}
