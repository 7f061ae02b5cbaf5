package com.demomultiplexer;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.EventStream;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pool of one that may not grow: once its shop is handed out the pool is empty (503);
 * at the shop's TTL the reaper destroys it completely and its stream says so; a caller
 * waiting meanwhile gets the shop warmed in its place.
 */
@EndToEndTest
@Tag(ContainerEngine.TAG)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_MAX_SIZE=1", "POOL_DEFAULT_TTL=4s",
		"POOL_REAP_INTERVAL=200ms", "POOL_WARMUP_TIMEOUT=30s" })
class ShopExpiryEndToEndIT {

	private static final Deployment deployment = new Deployment(22100);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void anExpiredShopIsDestroyedWithoutTraceAndAWaitingCallerGetsTheNextOne() throws Exception {
		ApiClient api = new ApiClient(this.port);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);

		Answer acquired = api.post("/api/v1/demo/acquire");
		assertThat(acquired.status()).isEqualTo(201);
		String id = acquired.text("id");

		Answer empty = api.post("/api/v1/demo/acquire");
		assertThat(empty.status()).isEqualTo(503);
		assertThat(empty.contentType()).startsWith("application/problem+json");
		assertThat(empty.text("title")).isEqualTo("Pool empty");
		assertThat(Long.parseLong(empty.headers().getFirst("Retry-After"))).isBetween(1L, 60L);

		try (EventStream status = EventStream
			.open("http://127.0.0.1:" + this.port + "/api/v1/demo/" + id + "/status?token=" + acquired.text("token"))) {
			Answer waited = api.post("/api/v1/demo/acquire?waitSeconds=30");

			assertThat(waited.status()).as("the shop warmed after the first expired").isEqualTo(201);
			assertThat(waited.text("id")).isNotEqualTo(id);
			EventStream.Event last = status.nextOtherThanTick(Duration.ofSeconds(30));
			assertThat(last.name()).isEqualTo("expired");
			assertThat(status.closedWithin(Duration.ofSeconds(30))).isTrue();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> !deployment.containerExists(id));
		await().atMost(Duration.ofSeconds(30)).until(() -> !deployment.recordExists(id));
		assertThat(deployment.routeExists(id)).isFalse();
		assertThat(deployment.containers()).hasSize(1);
	}

}
