package com.demomultiplexer.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.TestHttp;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Caddy server that no deployment made (it has no fallback route of ours) already holds
 * the deployment's listener, so the deployment cannot join it: the replenisher backs off
 * until it pauses, and health says why in words that name the server and the setting.
 * Once the listener is free, the next probe fills the pool.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_BACKOFF_INITIAL=200ms", "POOL_BACKOFF_MAX=2s",
		"POOL_PAUSE_AFTER_FAILURES=3" })
class CaddyListenerTakenIT {

	private static final Deployment deployment = new Deployment(22700);

	private static final String SQUATTER = "squatter" + deployment.environment().get("DEPLOYMENT_NAME");

	private static final RestClient http = TestHttp.client();

	static {
		// A server of another deployment (or the operator's), on this deployment's port.
		http.put()
			.uri("http://127.0.0.1:2019/config/apps/http/servers/" + SQUATTER)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("listen", List.of(":" + deployment.publicPort()), "automatic_https", Map.of("disable", true)))
			.retrieve()
			.toBodilessEntity();
	}

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void theReplenisherBacksOffSaysWhyAndRecoversWhenTheListenerIsFree() {
		ApiClient management = new ApiClient(deployment.managementPort());
		try {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Answer health = management.get("/actuator/health");
				assertThat(health.json().at("/components/replenisher/details/state").asString()).isEqualTo("paused");
			});
			String cause = management.get("/actuator/health")
				.json()
				.at("/components/replenisher/details/cause")
				.asString();
			assertThat(cause).contains("Caddy's server '" + SQUATTER + "' already listens on ':"
					+ deployment.publicPort() + "' (CADDY_LISTEN) and no demo-multiplexer deployment made it");
			assertThat(deployment.containers()).as("no shop was started meanwhile").isEmpty();
		}
		finally {
			http.delete()
				.uri("http://127.0.0.1:2019/config/apps/http/servers/" + SQUATTER)
				.retrieve()
				.toBodilessEntity();
		}

		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		assertThat(management.get("/actuator/health").json().at("/components/replenisher/details/state").asString())
			.isEqualTo("running");
	}

}
