package com.demomultiplexer.faults;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.Services;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Caddy restarted from its Caddyfile without --resume forgets every route made through
 * its admin API; within one reconcile interval the server, the API route and every live
 * shop's route are back.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "RECONCILE_INTERVAL=2s" })
class CaddyRestartIT {

	private static final Deployment deployment = new Deployment(34300);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void routesOfLiveShopsComeBackAfterCaddyForgotThem() throws Exception {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
		String assigned = api.post("/api/v1/demo/acquire").text("id");

		Services.restartCaddyForgettingItsRoutes();

		long restarted = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> deployment.getThroughCaddy(assigned + ".demo.localhost").status() == 200);
		assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(5));
		assertThat(deployment.getThroughCaddy(assigned + ".demo.localhost").body()).contains(assigned);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deployment.routedIds()).containsAll(deployment.records()
				.entrySet()
				.stream()
				.filter((record) -> !"warming".equals(record.getValue().get("state")))
				.map(java.util.Map.Entry::getKey)
				.toList()));
		assertThat(
				new ApiClient("http://127.0.0.1:" + deployment.publicPort(), "demo.localhost").get("/api/v1/pool/stats")
					.status())
			.isEqualTo(200);
	}

}
