package com.demomultiplexer.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.LifecycleEvents;
import com.demomultiplexer.support.NatsProcess;
import com.demomultiplexer.support.ServiceProcess;
import com.demomultiplexer.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service is killed with SIGKILL in the middle of a burst of acquires and warm-ups,
 * and started again. Afterwards every shop is in the pool, assigned to exactly one
 * caller, or gone with nothing left behind: containers, records, routes, ports and
 * databases all agree; and the lifecycle events, sent to a webhook receiver and a
 * nats-server of the test's own, tell every shop's life truthfully, the first process's
 * unpublished ones included.
 */
class CrashRecoveryIT {

	private final Deployment deployment = new Deployment(24700);

	private final WebhookReceiver receiver = WebhookReceiver.start();

	private final NatsProcess nats = NatsProcess.start();

	CrashRecoveryIT() throws IOException {
	}

	@AfterEach
	void removeEverything() throws Exception {
		this.deployment.close();
		this.receiver.close();
		this.nats.close();
	}

	@Test
	void afterAKillDuringABurstNothingIsLostLeakedOrHandedOutTwice() throws Exception {
		Map<String, String> environment = new HashMap<>(this.deployment.environment());
		environment.putAll(Map.of("POOL_TARGET_SIZE", "4", "POOL_WARMUP_CONCURRENCY", "4", "RECONCILE_INTERVAL", "2s",
				"RATE_LIMIT_HOURLY", "1000", "RATE_LIMIT_DAILY", "1000", "RATE_LIMIT_LIVE", "1000"));
		environment.putAll(Map.of("EVENTS_WEBHOOK_URL", this.receiver.url(), "EVENTS_WEBHOOK_SECRET",
				WebhookReceiver.SECRET, "EVENTS_NATS_URL", this.nats.url(), "EVENTS_RELAY_INTERVAL", "100ms"));
		Path log = Path.of("target/crash-recovery-service.log");
		ApiClient api = new ApiClient(this.deployment.servicePort());
		ConcurrentLinkedQueue<String> handedOut = new ConcurrentLinkedQueue<>();

		ServiceProcess first = ServiceProcess.start(environment, this.deployment.servicePort(), log);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() >= 3);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 8; i++) {
			callers.execute(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					try {
						Answer answer = api.post("/api/v1/demo/acquire");
						if (answer.status() == 201) {
							handedOut.add(answer.text("id"));
						}
						Thread.sleep(300);
					}
					catch (InterruptedException ex) {
						return;
					}
					catch (RuntimeException ex) {
						// The service died under this request.
					}
				}
			});
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> handedOut.size() >= 4 && warmingNow() >= 1);
		first.kill();
		callers.shutdownNow();
		callers.awaitTermination(10, TimeUnit.SECONDS);

		try (ServiceProcess second = ServiceProcess.start(environment, this.deployment.servicePort(), log)) {
			assertThat(handedOut).doesNotHaveDuplicates();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> this.deployment.assertEverythingAgrees(handedOut));
			// Events of changes the first process made and did not publish come from the
			// second, by both sinks.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				LifecycleEvents.assertTellTheTruth(this.receiver.acceptedOnce(), this.deployment.records(), handedOut);
				assertThat(this.nats.storedEventIds("demo-multiplexer-" + this.deployment.name()))
					.containsExactlyInAnyOrderElementsOf(
							this.receiver.acceptedOnce().stream().map(WebhookReceiver.Delivery::id).toList());
			});
		}
	}

	@Test
	void aGracefulStopLeavesThePoolToTheNextStart() throws Exception {
		Map<String, String> environment = new HashMap<>(this.deployment.environment());
		environment.putAll(Map.of("POOL_TARGET_SIZE", "2", "RECONCILE_INTERVAL", "2s"));
		Path log = Path.of("target/graceful-stop-service.log");
		ApiClient api = new ApiClient(this.deployment.servicePort());
		Set<String> ready;
		try (ServiceProcess first = ServiceProcess.start(environment, this.deployment.servicePort(), log)) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2
						&& this.deployment.records().size() == 2);
			ready = this.deployment.records().keySet();
		}

		assertThat(this.deployment.records().keySet()).isEqualTo(ready);
		assertThat(this.deployment.containers())
			.allSatisfy((container) -> assertThat(container.getState()).isEqualTo("running"));
		try (ServiceProcess second = ServiceProcess.start(environment, this.deployment.servicePort(), log)) {
			assertThat(api.post("/api/v1/demo/acquire").text("id")).isIn(ready);
			assertThat(this.deployment.getThroughCaddy(ready.iterator().next() + ".demo.localhost").status())
				.isEqualTo(200);
		}
	}

	private long warmingNow() {
		return this.deployment.records()
			.values()
			.stream()
			.filter((record) -> "warming".equals(record.get("state")))
			.count();
	}

}
