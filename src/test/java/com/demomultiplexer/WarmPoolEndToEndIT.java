package com.demomultiplexer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.EventStream;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.demomultiplexer.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on real Docker, Valkey and Caddy, used as a browser would: everything
 * goes through Caddy (the API at the base domain, each shop at its own host name). The
 * pool fills with real containers, acquire hands out a shop whose page is served at its
 * host, the status stream follows an extension and the release, and nothing of the shop
 * is left behind. Its shops take the time flashlight's do (a slow boot, a slow first
 * request), and the prospect's first page is a warm one.
 */
@EndToEndTest
@Tag(ContainerEngine.TAG)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "POOL_MAX_SIZE=4", "POOL_WARMUP_TIMEOUT=60s" })
class WarmPoolEndToEndIT {

	private static final Deployment deployment = Deployment.withFlashlightTiming(22000);

	/**
	 * How long the stand-in's first request takes by default (CACHE_BUILD_SECONDS); a
	 * warm page takes tens of milliseconds.
	 */
	private static final Duration CACHE_BUILD = Duration.ofSeconds(3);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void aShopIsWarmedHandedOutServedFollowedAndReleasedWithoutTrace(CapturedOutput output) throws Exception {
		String caddy = "http://127.0.0.1:" + deployment.publicPort();
		String apiHost = "demo.localhost:" + deployment.publicPort();
		ApiClient api = new ApiClient(caddy, apiHost);

		await().atMost(Duration.ofSeconds(90))
			.ignoreExceptions()
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
		assertThat(deployment.containers()).hasSize(2)
			.allSatisfy((container) -> assertThat(container.getState()).isEqualTo("running"));
		assertThat(api.get("/api/v1/pool/stats").json().path("target").asInt()).isEqualTo(2);

		Instant beforeAcquire = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Answer acquired = api.post("/api/v1/demo/acquire");
		Instant afterAcquire = Instant.now();

		assertThat(acquired.status()).isEqualTo(201);
		String id = acquired.text("id");
		String token = acquired.text("token");
		String host = id + ".demo.localhost";
		assertThat(acquired.text("url")).isEqualTo("http://" + host + ":" + deployment.publicPort() + "/");
		assertThat(acquired.text("adminUrl"))
			.isEqualTo("http://" + host + ":" + deployment.publicPort() + "/admin-dev/");
		assertThat(Instant.parse(acquired.text("expiresAt"))).isBetween(beforeAcquire.plus(Duration.ofMinutes(30)),
				afterAcquire.plus(Duration.ofMinutes(30)));

		long asked = System.nanoTime();
		Deployment.Response page = deployment.getThroughCaddy(host);
		Duration firstPage = Duration.ofNanos(System.nanoTime() - asked);
		assertThat(page.status()).isEqualTo(200);
		assertThat(firstPage).as("the shop's first request, the slow one, was readiness's").isLessThan(CACHE_BUILD);
		assertThat(page.body()).contains(host + ":" + deployment.publicPort());
		int hostPort = deployment.hostPortOf(id);
		Map<String, String> environment = deployment.containerEnvironment(id);
		assertThat(environment).containsEntry("MYSQL_DATABASE", deployment.databasePrefix() + id)
			.containsEntry("MYSQL_USER", deployment.databasePrefix() + id)
			.containsEntry("ADMIN_MAIL_OVERRIDE", acquired.text("adminEmail"))
			.containsEntry("ADMIN_PASSWORD_OVERRIDE", acquired.text("adminPassword"));
		assertThat(deployment.databaseOrUserExists(id)).isTrue();
		List<String> secrets = List.of(token, acquired.text("adminPassword"), environment.get("MYSQL_PASSWORD"));

		try (EventStream status = EventStream.open(caddy + "/api/v1/demo/" + id + "/status?token=" + token, apiHost)) {
			assertThat(status.next(Duration.ofSeconds(5)).name()).isEqualTo("tick");
			assertThat(status.next(Duration.ofMillis(2500)).name()).as("ticks arrive unbuffered").isEqualTo("tick");

			Answer extended = api.postJson("/api/v1/demo/" + id + "/extend", "{\"minutes\":15}", bearer(token));
			assertThat(extended.status()).isEqualTo(200);
			assertThat(status.nextOtherThanTick(Duration.ofSeconds(5)).data().path("expiresAt").asString())
				.isEqualTo(extended.text("expiresAt"));

			assertThat(api.delete("/api/v1/demo/" + id, bearer(token)).status()).isEqualTo(204);
			assertThat(status.nextOtherThanTick(Duration.ofSeconds(5)).name()).isEqualTo("released");
			assertThat(status.closedWithin(Duration.ofSeconds(5))).isTrue();
		}

		assertThat(deployment.containerExists(id)).isFalse();
		assertThat(deployment.databaseOrUserExists(id)).isFalse();
		assertThat(deployment.routeExists(id)).isFalse();
		assertThat(deployment.recordExists(id)).isFalse();
		assertThat(deployment.portIsFree(hostPort)).isTrue();
		assertThat(deployment.getThroughCaddy(host).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/demo/" + id, bearer(token)).status()).isEqualTo(404);

		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
		ApiClient management = new ApiClient(deployment.managementPort());
		String everythingPublic = output.getAll() + management.get("/metrics").body()
				+ management.get("/actuator/health").body() + api.get("/api/v1/pool/stats").body()
				+ api.get("/health").body() + api.get("/api/v1/demo/" + id, bearer(token)).body();
		assertThat(secrets).allSatisfy((secret) -> assertThat(everythingPublic).doesNotContain(secret));
	}

}
