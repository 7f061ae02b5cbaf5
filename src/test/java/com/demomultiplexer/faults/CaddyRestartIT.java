package com.demomultiplexer.faults;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.Scrapes;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment's own Caddy, restarted from its config file without --resume, forgets
 * every route made through its admin API; by the end of the next reconcile round the
 * server, the API route and every live shop's route are back.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "RECONCILE_INTERVAL=2s" })
class CaddyRestartIT {

	private static final Deployment deployment = Deployment.withOwnCaddy(24300);

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

		ApiClient management = new ApiClient(deployment.managementPort());
		deployment.ownCaddy().restartForgettingItsRoutes();
		double roundsAtRestart = reconcileRounds(management);

		// Counted in reconcile rounds, not seconds, so a slow machine cannot fail it: by
		// the end of the first round that started after Caddy forgot them, every route
		// of a live shop is back (the count moves when a round ends, so +2 means one
		// whole round ran after the restart).
		await().atMost(Duration.ofSeconds(60)).until(() -> reconcileRounds(management) >= roundsAtRestart + 2);
		assertThat(deployment.routedIds()).containsAll(deployment.records()
			.entrySet()
			.stream()
			.filter((record) -> !"warming".equals(record.getValue().get("state")))
			.map(java.util.Map.Entry::getKey)
			.toList());
		// Caddy may reset a request that meets one of its reloads: a client retries.
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(deployment.getThroughCaddy(assigned + ".demo.localhost").body())
				.contains(assigned));
		assertThat(
				new ApiClient("http://127.0.0.1:" + deployment.publicPort(), "demo.localhost").get("/api/v1/pool/stats")
					.status())
			.isEqualTo(200);
	}

	private static double reconcileRounds(ApiClient management) {
		return Scrapes.value(management.get("/metrics").body(), "demo_reconcile_rounds_seconds_count");
	}

}
