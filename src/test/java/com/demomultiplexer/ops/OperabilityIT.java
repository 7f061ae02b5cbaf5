package com.demomultiplexer.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.Scrapes;

import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.demomultiplexer.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators get: metrics that move by exactly what happened and pass promtool, alert
 * rules that pass promtool, a management port that the public port does not expose, and
 * an admin API that only opens with the key.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_MAX_SIZE=1" })
class OperabilityIT {

	private static final Deployment deployment = new Deployment(24800);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void aScrapeAfterALifecycleShowsExactlyWhatHappenedAndPassesPromtool() throws Exception {
		ApiClient api = new ApiClient(deployment.servicePort());
		ApiClient management = new ApiClient(deployment.managementPort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		String before = management.get("/metrics").body();

		Answer acquired = api.post("/api/v1/demo/acquire");
		assertThat(api.post("/api/v1/demo/acquire").status()).isEqualTo(503);
		String path = "/api/v1/demo/" + acquired.text("id");
		api.postJson(path + "/extend", "{\"minutes\":5}", bearer(acquired.text("token")));
		api.delete(path, bearer(acquired.text("token")));
		String after = management.get("/metrics").body();

		assertThat(delta(before, after, "demo_acquire_seconds_count{outcome=\"hit\"}")).isEqualTo(1);
		assertThat(delta(before, after, "demo_acquire_seconds_count{outcome=\"empty\"}")).isEqualTo(1);
		assertThat(delta(before, after, "demo_acquire_seconds_count{outcome=\"rate_limited\"}")).isZero();
		assertThat(delta(before, after, "demo_extensions_total")).isEqualTo(1);
		assertThat(delta(before, after, "demo_releases_total{reason=\"user\"}")).isEqualTo(1);
		assertThat(delta(before, after, "demo_releases_total{reason=\"ttl\"}")).isZero();
		assertThat(Scrapes.value(after, "demo_pool_target")).isEqualTo(1);
		assertThat(after).contains("demo_instances{state=\"ready\"}", "demo_warmup_seconds_bucket",
				"demo_dependency_calls_seconds_count{dependency=\"docker\",outcome=\"success\"}",
				"demo_dependency_calls_seconds_count{dependency=\"valkey\",outcome=\"success\"}", "demo_streams_open",
				"demo_replenisher_paused", "demo_reconcile_rounds_seconds_count");
		assertThat(management.get("/actuator/prometheus").body()).contains("demo_acquire_seconds_count");
		assertThat(promtool(after, "check", "metrics")).isZero();
	}

	@Test
	void theAlertRulesPassPromtoolAndTheirUnitTests() throws Exception {
		assertThat(promtool("", "check", "rules", "ops/prometheus/alerts.yml")).isZero();
		assertThat(promtool("", "test", "rules", "ops/prometheus/alerts-test.yml")).isZero();
	}

	@Test
	void thePublicPortExposesNothingOperationalBeyondHealth() {
		ApiClient api = new ApiClient(deployment.servicePort());

		assertThat(api.get("/health").json().path("status").asString()).isEqualTo("UP");
		assertThat(api.get("/health").json().has("components")).as("details only on the management port").isFalse();
		for (String operational : new String[] { "/metrics", "/actuator/health", "/actuator/prometheus",
				"/admin/instances" }) {
			assertThat(api.get(operational).status()).as(operational).isEqualTo(404);
		}
		ApiClient management = new ApiClient(deployment.managementPort());
		assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(management.get("/actuator/health/readiness").json().at("/components/pool/status").asString())
			.isEqualTo("UP");
	}

	@Test
	void theAdminApiOpensOnlyWithTheKeyAndDoesWhatItSays() {
		ApiClient management = new ApiClient(deployment.managementPort());
		String[] key = { "X-API-Key", deployment.adminKey(), "X-Operator", "ops-test" };

		assertThat(management.get("/admin/instances").status()).isEqualTo(401);
		assertThat(management.get("/admin/instances", "X-API-Key", deployment.adminKey() + "x").status())
			.isEqualTo(401);
		assertThat(management.send(HttpMethod.PUT, "/admin/pool/target", "{\"target\":0}").status()).isEqualTo(401);
		assertThat(management.get("/admin/instances", key).status()).isEqualTo(200);

		assertThat(management.send(HttpMethod.PUT, "/admin/pool/target", "{\"target\":5}", key).status())
			.as("above POOL_MAX_SIZE")
			.isEqualTo(400);
		assertThat(management.post("/admin/replenisher/pause", key).status()).isEqualTo(204);
		assertThat(management.post("/admin/replenisher/resume", key).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> management.get("/admin/instances", key).body().contains("\"state\":\"ready\""));
		String ready = management.get("/admin/instances", key).json().get(0).path("id").asString();
		assertThat(management.get("/admin/instances", key).body()).doesNotContain("token", "password", "Password");

		assertThat(management.post("/admin/pool/drain", key).json().path("drained").asInt()).isEqualTo(1);
		assertThat(deployment.records()).doesNotContainKey(ready);
		assertThat(new ApiClient(deployment.servicePort()).get("/api/v1/pool/stats").json().path("target").asInt())
			.isZero();
		assertThat(management.send(HttpMethod.DELETE, "/admin/instances/" + ready, null, key).status()).isEqualTo(404);
		assertThat(management.send(HttpMethod.PUT, "/admin/pool/target", "{\"target\":1}", key)
			.json()
			.path("target")
			.asInt()).isOne();
	}

	private static double delta(String before, String after, String series) {
		return Scrapes.value(after, series) - Scrapes.value(before, series);
	}

	@Test
	void theApiPortQueuesABurstOfNewConnections() throws Exception {
		// As the kernel sees the listening socket: Send-Q is its backlog. Java's default
		// of
		// 50 would make the 51st client of a burst wait a second for its SYN's retry.
		Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + deployment.servicePort()).start();
		String listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(ss.waitFor()).isZero();

		assertThat(listening.split("\\s+")[2]).isEqualTo("1024");
	}

	private static int promtool(String input, String... arguments) throws IOException, InterruptedException {
		String[] command = new String[arguments.length + 1];
		command[0] = "promtool";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
		promtool.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		promtool.getOutputStream().close();
		String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = promtool.waitFor();
		if (exit != 0) {
			System.err.println("promtool " + String.join(" ", arguments) + ":\n" + output);
		}
		return exit;
	}

}
