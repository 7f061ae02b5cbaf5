package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POOL_TARGET_MODE=adaptive on the real stack, with windows of 10 and 30 seconds so that
 * a test can watch a whole burst come and go: the target rests at POOL_MIN_SIZE while
 * nobody comes, rises under a burst of acquires (refused ones count too), and falls back
 * once the long window has forgotten the burst, the surplus ready shops retired; the
 * admin API says why at each step.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_MODE=adaptive", "POOL_TARGET_SIZE=1", "POOL_MIN_SIZE=1",
		"POOL_MAX_SIZE=20", "POOL_DEMAND_SHORT_WINDOW=10s", "POOL_DEMAND_LONG_WINDOW=30s", "POOL_SHRINK_PER_MINUTE=30",
		"POOL_EMPTY_RISK=0.01", "RATE_LIMIT_HOURLY=100", "RATE_LIMIT_DAILY=100", "RATE_LIMIT_LIVE=100" })
class AdaptivePoolIT {

	private static final Deployment deployment = new Deployment(26300);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void theTargetRisesUnderABurstOfAcquiresAndFallsBackAfterIt() {
		ApiClient api = new ApiClient(deployment.servicePort());
		await("a quiet pool at POOL_MIN_SIZE").atMost(Duration.ofSeconds(60))
			.until(() -> sizing().path("target").asInt() == 1 && readyAndWarming(api) == 1
					&& api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		assertThat(sizing().path("mode").asString()).isEqualTo("adaptive");
		assertThat(sizing().path("pinned").asBoolean()).isFalse();

		List<Integer> answers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			answers.add(api.post("/api/v1/demo/acquire").status());
		}
		assertThat(answers).as("the pool of one runs dry: refusals count as demand too").contains(201, 503);

		JsonNode risen = await("the target rises").atMost(Duration.ofSeconds(20))
			.until(this::sizing, (sizing) -> sizing.path("target").asInt() >= 3);
		assertThat(risen.at("/adaptive/longWindowArrivals").asLong()).isEqualTo(8);
		assertThat(risen.at("/adaptive/arrivalsPerMinute").asDouble()).isPositive();
		assertThat(risen.at("/adaptive/emptyRisk").asDouble()).isLessThanOrEqualTo(0.01);
		await("the pool fills up to it").atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() >= 3);

		await("the target falls back once the long window forgets the burst").atMost(Duration.ofSeconds(90))
			.until(() -> sizing().path("target").asInt() == 1);
		await("the surplus ready shops are retired").atMost(Duration.ofSeconds(30))
			.until(() -> readyAndWarming(api) == 1);
		int handedOut = (int) answers.stream().filter((status) -> status == 201).count();
		await("the retired shops' containers are gone").atMost(Duration.ofSeconds(30))
			.until(() -> deployment.containers().size() == 1 + handedOut);
	}

	private JsonNode sizing() {
		return new ApiClient(deployment.managementPort()).get("/admin/pool/sizing", "X-API-Key", deployment.adminKey())
			.json();
	}

	private static int readyAndWarming(ApiClient api) {
		JsonNode stats = api.get("/api/v1/pool/stats").json();
		return stats.path("ready").asInt() + stats.path("warming").asInt();
	}

}
