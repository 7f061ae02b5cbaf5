package com.demomultiplexer;

import java.time.Duration;
import java.time.Instant;

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
 * The whole service on real Docker, Valkey and Caddy: the pool fills with real
 * containers, acquire hands out a shop whose page is served through Caddy at its own host
 * name, and release leaves no container, route, port or record behind.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "POOL_MAX_SIZE=4", "POOL_WARMUP_TIMEOUT=30s" })
class WarmPoolEndToEndIT {

	private static final Deployment deployment = new Deployment(32000);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void aShopIsWarmedHandedOutServedThroughCaddyAndReleasedWithoutTrace() {
		ApiClient api = new ApiClient(this.port);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
		assertThat(deployment.containers()).hasSize(2)
			.allSatisfy((container) -> assertThat(container.getState()).isEqualTo("running"));
		Answer stats = api.get("/api/v1/pool/stats");
		assertThat(stats.json().path("target").asInt()).isEqualTo(2);

		Answer acquired = api.post("/api/v1/demo/acquire");

		assertThat(acquired.status()).isEqualTo(201);
		String id = acquired.text("id");
		String host = id + ".demo.localhost";
		assertThat(acquired.text("url")).isEqualTo("http://" + host + ":" + deployment.publicPort() + "/");
		assertThat(acquired.text("adminUrl"))
			.isEqualTo("http://" + host + ":" + deployment.publicPort() + "/admin-dev/");
		assertThat(acquired.text("state")).isEqualTo("assigned");
		assertThat(Instant.parse(acquired.text("expiresAt"))).isBetween(Instant.now().plus(Duration.ofMinutes(29)),
				Instant.now().plus(Duration.ofMinutes(31)));
		assertThat(acquired.headers().getLocation()).hasPath("/api/v1/demo/" + id);

		Deployment.Response page = deployment.getThroughCaddy(host);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(host + ":" + deployment.publicPort());
		assertThat(api.get("/api/v1/demo/" + id).text("state")).isEqualTo("assigned");
		int hostPort = deployment.containers()
			.stream()
			.filter((container) -> id.equals(container.getLabels().get("demo-multiplexer.instance")))
			.findFirst()
			.orElseThrow()
			.getPorts()[0].getPublicPort();

		Answer released = api.delete("/api/v1/demo/" + id);

		assertThat(released.status()).isEqualTo(204);
		assertThat(deployment.containerExists(id)).isFalse();
		assertThat(deployment.routeExists(id)).isFalse();
		assertThat(deployment.recordExists(id)).isFalse();
		assertThat(deployment.portIsFree(hostPort)).isTrue();
		assertThat(deployment.getThroughCaddy(host).status()).isEqualTo(404);
		Answer gone = api.get("/api/v1/demo/" + id);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.contentType()).startsWith("application/problem+json");
		assertThat(api.delete("/api/v1/demo/" + id).status()).isEqualTo(404);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
	}

}
