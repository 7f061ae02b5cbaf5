package com.demomultiplexer.isolation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.DemoMultiplexerApplication;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Two deployments, "demo" and "staging", on one Valkey, one Caddy listener, one Docker
 * engine and one MariaDB, as an operator runs them on one host: staging's shops and API
 * route join demo's Caddy server, staging's database prefix starts with demo's, and each
 * reconciler removes debris of its own and nothing of the other's. A third deployment
 * whose port range or database prefix another holds is refused at start-up. Valkey and
 * Caddy are this test's own, so the claims and the server made here touch no deployment
 * on the host's.
 */
class SeveralDeploymentsIT {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private static Deployment demo;

	private static Deployment staging;

	private static ConfigurableApplicationContext demoService;

	private static ConfigurableApplicationContext stagingService;

	@BeforeAll
	static void startBoth() {
		demo = Deployment.withOwnValkeyAndCaddy(25600);
		staging = demo.beside(25700);
		demoService = start(demo, "POOL_TARGET_SIZE=1");
		stagingService = start(staging, "POOL_TARGET_SIZE=2");
		await().atMost(Duration.ofSeconds(120))
			.until(() -> demo.idsIn("ready").size() == 1 && staging.idsIn("ready").size() == 2);
	}

	@AfterAll
	static void stopBoth() throws Exception {
		for (AutoCloseable closing : new AutoCloseable[] { stagingService, demoService, staging, demo }) {
			if (closing != null) {
				closing.close();
			}
		}
	}

	@Test
	void bothServeTheirShopsAndTheirApisThroughOneListenerByHostName() {
		for (String shop : demo.idsIn("ready")) {
			assertThat(demo.getThroughCaddy(shop + ".demo.localhost").status()).as("demo's shop " + shop)
				.isEqualTo(200);
		}
		for (String shop : staging.idsIn("ready")) {
			assertThat(staging.getThroughCaddy(shop + "." + staging.baseDomain()).status()).as("staging's shop " + shop)
				.isEqualTo(200);
		}
		assertThat(api(demo).get("/api/v1/pool/stats").json().path("target").asInt()).isEqualTo(1);
		assertThat(api(staging).get("/api/v1/pool/stats").json().path("target").asInt()).isEqualTo(2);
		assertThat(demo.routedIds()).containsExactlyInAnyOrderElementsOf(demo.idsIn("ready"));
		assertThat(staging.routedIds()).containsExactlyInAnyOrderElementsOf(staging.idsIn("ready"));
	}

	@Test
	void eachReconcilerRemovesItsOwnOrphansAndLeavesTheOthersShopsAlone() {
		Map<String, Map<String, String>> demoRecords = demo.records();
		Map<String, Map<String, String>> stagingRecords = staging.records();
		InstanceId demoOrphan = plantOrphans(demo, demoService);
		InstanceId stagingOrphan = plantOrphans(staging, stagingService);

		// The positive control: each reconciler runs, and finds what is its own. A repair
		// is
		// counted just after it is made, so the counts are awaited with what they count.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertOrphansGone(demo, demoOrphan);
			assertOrphansGone(staging, stagingOrphan);
			for (ConfigurableApplicationContext service : List.of(demoService, stagingService)) {
				assertThat(repairs(service, "orphan_container")).as("containers removed").isEqualTo(1);
				assertThat(repairs(service, "orphan_route")).as("routes removed").isEqualTo(1);
				assertThat(repairs(service, "orphan_database")).as("databases dropped").isEqualTo(1);
			}
		});

		for (ConfigurableApplicationContext service : List.of(demoService, stagingService)) {
			assertThat(repairs(service, "missing_route") + repairs(service, "dead_container"))
				.as("nothing of its own was taken from it")
				.isZero();
		}
		assertStillServing(demo, demoRecords);
		assertStillServing(staging, stagingRecords);
	}

	@Test
	void aDeploymentWhosePortsAnotherHoldsRefusesToStartAndSaysWhose() throws Exception {
		try (Deployment clashing = demo.beside(25800)) {
			assertThatException()
				.isThrownBy(() -> start(clashing, "CONTAINER_PORT_RANGE_START=" + (demo.firstHostPort() + 25),
						"CONTAINER_PORT_RANGE_END=" + (demo.lastHostPort() + 25)))
				.havingRootCause()
				.withMessageContaining("Deployment '" + clashing.name() + "' (DEPLOYMENT_NAME) cannot start beside"
						+ " deployment '" + demo.name() + "', which uses host ports " + demo.firstHostPort() + "-"
						+ demo.lastHostPort() + ", which overlap this deployment's " + (demo.firstHostPort() + 25) + "-"
						+ (demo.lastHostPort() + 25) + " (CONTAINER_PORT_RANGE_START, CONTAINER_PORT_RANGE_END)");
			assertThat(clashing.containers()).isEmpty();
		}
	}

	@Test
	void aDeploymentWhoseDatabasePrefixAnotherHoldsRefusesToStartAndSaysWhose() throws Exception {
		// Started with staging's prefix, closed with its own: closing drops the
		// databases its prefix names.
		try (Deployment clashing = demo.beside(25800)) {
			assertThatException().isThrownBy(() -> start(clashing, "SHOP_DB_PREFIX=" + staging.databasePrefix()))
				.havingRootCause()
				.withMessageContaining("beside deployment '" + staging.name() + "', which uses the shop database"
						+ " prefix '" + staging.databasePrefix() + "' (SHOP_DB_PREFIX)");
			assertThat(clashing.containers()).isEmpty();
		}
	}

	/**
	 * A shop of {@code deployment} whose record was lost: its container (with its
	 * database) and its route. It is made under a warming record, as a warm-up makes it,
	 * and while the service's reconciler cannot run a round (its rounds hold its lock): a
	 * round in the middle would take the record for a warm-up abandoned by a former
	 * leader. Then the record is lost.
	 */
	private static InstanceId plantOrphans(Deployment deployment, ConfigurableApplicationContext service) {
		InstanceId orphan = InstanceId.random();
		InstanceRepository instances = service.getBean(InstanceRepository.class);
		Fence fence = Leases.awaitLeading(service.getBean(LeaderLease.class));
		synchronized (service.getBean("reconciler")) {
			int port = instances.reserve(orphan, Instant.now(), LOGIN, fence).orElseThrow();
			service.getBean(ContainerRuntime.class)
				.start(service.getBean(ShopContainers.class)
					.spec(orphan, port, service.getBean(ShopDatabases.class).create(orphan), LOGIN));
			service.getBean(RouteManager.class)
				.add(orphan, orphan + "." + deployment.baseDomain(), "127.0.0.1:" + port);
			deployment.loseRecord(orphan.value());
		}
		return orphan;
	}

	private static void assertOrphansGone(Deployment deployment, InstanceId orphan) {
		assertThat(deployment.containerExists(orphan.value())).as("orphan container").isFalse();
		assertThat(deployment.routedIds()).as("orphan route").doesNotContain(orphan.value());
		assertThat(deployment.databaseOrUserExists(orphan.value())).as("orphan database").isFalse();
	}

	/**
	 * Every shop on record then is on record now, with its container, route and database,
	 * and serves.
	 */
	private static void assertStillServing(Deployment deployment, Map<String, Map<String, String>> records) {
		assertThat(deployment.records()).isEqualTo(records);
		for (String shop : records.keySet()) {
			assertThat(deployment.inspect(shop).getState().getRunning()).as("container of " + shop).isTrue();
			assertThat(deployment.routeExists(shop)).as("route of " + shop).isTrue();
			assertThat(deployment.databaseOrUserExists(shop)).as("database of " + shop).isTrue();
			assertThat(deployment.getThroughCaddy(shop + "." + deployment.baseDomain()).status()).as("page of " + shop)
				.isEqualTo(200);
		}
	}

	/**
	 * The service, as a process would run with the deployment's environment and
	 * {@code settings} (NAME=value) over it.
	 */
	private static ConfigurableApplicationContext start(Deployment deployment, String... settings) {
		Map<String, String> environment = new TreeMap<>(deployment.environment());
		environment.put("RECONCILE_INTERVAL", "1s");
		for (String setting : settings) {
			environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		return new SpringApplicationBuilder(DemoMultiplexerApplication.class).run(environment.entrySet()
			.stream()
			.map((variable) -> "--" + variable.getKey() + "=" + variable.getValue())
			.toArray(String[]::new));
	}

	/** The deployment's API through the shared listener, at its base domain. */
	private static ApiClient api(Deployment deployment) {
		return new ApiClient("http://127.0.0.1:" + deployment.publicPort(),
				deployment.baseDomain() + ":" + deployment.publicPort());
	}

	private static double repairs(ConfigurableApplicationContext service, String kind) {
		Counter counter = service.getBean(MeterRegistry.class)
			.find("demo.reconcile.actions")
			.tag("kind", kind)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
