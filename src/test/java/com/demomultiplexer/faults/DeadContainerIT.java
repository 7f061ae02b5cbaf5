package com.demomultiplexer.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.EventStream;
import com.demomultiplexer.support.Services;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shop's container dies ({@code docker kill}): a ready one leaves the pool before
 * anyone gets it, an assigned one is failed, cleaned up, and its status stream says so.
 * The reconciler is slowed down here, so it is Docker's event stream that does this.
 */
@EndToEndTest
@Tag(ContainerEngine.TAG)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "POOL_MAX_SIZE=2", "RECONCILE_INTERVAL=1h" })
class DeadContainerIT {

	private static final Deployment deployment = new Deployment(24500);

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void aKilledReadyShopIsNeverHandedOutAndAKilledAssignedOneEndsAsFailed() throws Exception {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
		Answer acquired = api.post("/api/v1/demo/acquire");
		String assigned = acquired.text("id");
		String ready = deployment.idsIn("ready").get(0);

		try (EventStream status = EventStream.open("http://127.0.0.1:" + deployment.servicePort() + "/api/v1/demo/"
				+ assigned + "/status?token=" + acquired.text("token"))) {
			status.next(Duration.ofSeconds(5));
			Services.kill(deployment.environment().get("DEPLOYMENT_NAME") + "-" + ready);
			Services.kill(deployment.environment().get("DEPLOYMENT_NAME") + "-" + assigned);

			// The reconciler runs once an hour here, so only the event stream can act
			// within these bounds, which are generous for a loaded machine.
			assertThat(status.nextOtherThanTick(Duration.ofSeconds(30)).name()).isEqualTo("failed");
			assertThat(status.closedWithin(Duration.ofSeconds(30))).isTrue();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !deployment.records().containsKey(ready) && !deployment.records().containsKey(assigned));
		assertThat(deployment.containerExists(ready)).isFalse();
		assertThat(deployment.databaseOrUserExists(ready)).isFalse();
		assertThat(deployment.routedIds()).doesNotContain(ready, assigned);

		Set<String> handedOut = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			Answer answer = api.post("/api/v1/demo/acquire?waitSeconds=1");
			if (answer.status() == 201) {
				handedOut.add(answer.text("id"));
			}
		}
		assertThat(handedOut).doesNotContain(ready, assigned);
		assertThat(this.meters.get("demo.reconcile.actions").tag("kind", "dead_container").counter().count())
			.isEqualTo(2);
	}

}
