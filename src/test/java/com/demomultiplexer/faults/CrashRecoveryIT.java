package com.demomultiplexer.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service is killed with SIGKILL in the middle of a burst of acquires and warm-ups,
 * and started again. Afterwards every shop is in the pool, assigned to exactly one
 * caller, or gone with nothing left behind: containers, records, routes, ports and
 * databases all agree.
 */
class CrashRecoveryIT {

	private final Deployment deployment = new Deployment(24700);

	@AfterEach
	void removeEverything() throws Exception {
		this.deployment.close();
	}

	@Test
	void afterAKillDuringABurstNothingIsLostLeakedOrHandedOutTwice() throws Exception {
		Map<String, String> environment = new HashMap<>(this.deployment.environment());
		environment.putAll(Map.of("POOL_TARGET_SIZE", "4", "POOL_WARMUP_CONCURRENCY", "4", "RECONCILE_INTERVAL", "2s",
				"RATE_LIMIT_HOURLY", "1000", "RATE_LIMIT_DAILY", "1000", "RATE_LIMIT_LIVE", "1000"));
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
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEverythingAgrees(handedOut));
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

	private void assertEverythingAgrees(ConcurrentLinkedQueue<String> handedOut) {
		Map<String, Map<String, String>> records = this.deployment.records();
		Set<String> containers = this.deployment.containers()
			.stream()
			.map((container) -> container.getLabels().get("demo-multiplexer.instance"))
			.collect(Collectors.toSet());
		Set<String> live = records.entrySet()
			.stream()
			.filter((record) -> List.of("ready", "assigned").contains(record.getValue().get("state")))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());

		assertThat(records.values()).as("no warm-up or teardown is left half done")
			.allSatisfy((record) -> assertThat(record.get("state")).isIn("ready", "assigned"));
		assertThat(containers).as("a container for every live shop and none other").isEqualTo(live);
		assertThat(this.deployment.routedIds()).as("a route for every live shop and none other").isEqualTo(live);
		assertThat(new HashSet<>(this.deployment.databaseIds())).as("a database for every live shop and none other")
			.isEqualTo(live);
		Set<Integer> held = records.values()
			.stream()
			.map((record) -> Integer.valueOf(record.get("port")))
			.collect(Collectors.toSet());
		Set<Integer> free = this.deployment.freePorts();
		assertThat(held).as("each port held once").hasSize(records.size()).doesNotContainAnyElementsOf(free);
		assertThat(held.size() + free.size()).as("no port lost")
			.isEqualTo(this.deployment.lastHostPort() - this.deployment.firstHostPort() + 1);
		assertThat(IntStream.rangeClosed(this.deployment.firstHostPort(), this.deployment.lastHostPort()).boxed())
			.allSatisfy((port) -> assertThat(held.contains(port) || free.contains(port)).isTrue());
		for (String id : handedOut) {
			if (records.containsKey(id)) {
				assertThat(records.get(id).get("state")).as("a shop handed out never returns to the pool")
					.isEqualTo("assigned");
			}
		}
	}

}
