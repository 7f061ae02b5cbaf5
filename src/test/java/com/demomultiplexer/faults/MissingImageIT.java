package com.demomultiplexer.faults;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.Elapsed;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.Services;
import com.demomultiplexer.support.StandinShop;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CONTAINER_IMAGE names an image the engine does not have: warm-ups fail, back off, and
 * after three in a row the replenisher pauses and says so in health and metrics; once the
 * image exists a probe warm-up succeeds and the pool fills.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_REPLENISH_INTERVAL=100ms", "POOL_BACKOFF_INITIAL=200ms",
		"POOL_BACKOFF_MAX=1s", "POOL_PAUSE_AFTER_FAILURES=3" })
class MissingImageIT {

	private static final String MISSING = "demo-multiplexer/not-there-yet:" + InstanceId.random();

	private static final Deployment deployment = new Deployment(24600);

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
		properties.add("CONTAINER_IMAGE", () -> MISSING);
	}

	@AfterAll
	static void untag() throws Exception {
		Services.dockerUntag(MISSING);
	}

	@Test
	void failuresBackOffAndPauseThenAProbeResumesOnceTheImageExists() throws Exception {
		ApiClient api = new ApiClient(deployment.servicePort());
		ApiClient management = new ApiClient(deployment.managementPort());

		await().atMost(Duration.ofSeconds(20))
			.until(() -> "paused".equals(
					management.get("/actuator/health").json().at("/components/replenisher/details/state").asString()));
		assertThat(
				management.get("/actuator/health").json().at("/components/replenisher/details/lastFailure").asString())
			.isEqualTo("start_failed");
		assertThat(this.meters.get("demo.replenisher.paused").gauge().value()).isOne();
		// Paused, it probes once per POOL_BACKOFF_MAX (1 s), although replenish rounds
		// come every 100 ms. Counted against the time that did pass, so that a slow
		// machine cannot make it fail: no more failures than whole seconds passed, plus
		// two (one probe may start at once, and one started before may fail just after).
		long pausedAt = System.nanoTime();
		double failuresWhenPaused = failures();
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> failures() - failuresWhenPaused <= Elapsed.wholeSecondsSince(pausedAt) + 2);

		Services.dockerTag(StandinShop.IMAGE, MISSING);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		assertThat(management.get("/actuator/health").json().at("/components/replenisher/details/state").asString())
			.isEqualTo("running");
		assertThat(this.meters.get("demo.replenisher.paused").gauge().value()).isZero();
	}

	private double failures() {
		return this.meters.get("demo.warmup.failures").tag("reason", "start_failed").counter().count();
	}

}
