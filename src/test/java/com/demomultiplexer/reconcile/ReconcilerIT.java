package com.demomultiplexer.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler against the real Docker, Valkey, Caddy and MariaDB: debris of every kind
 * is made behind the service's back, and one round removes it, counting each repair by
 * kind.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h" })
class ReconcilerIT {

	private static final Deployment deployment = new Deployment(34200);

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	@Autowired
	Reconciler reconciler;

	@Autowired
	InstanceRepository instances;

	@Autowired
	ContainerRuntime runtime;

	@Autowired
	ShopContainers containers;

	@Autowired
	RouteManager routes;

	@Autowired
	ShopDatabases databases;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void oneRoundRemovesOrphansAndRestoresWhatIsMissing() {
		InstanceId orphanContainer = InstanceId.random();
		this.runtime.start(new ContainerSpec(this.containers.name(orphanContainer),
				"demo-multiplexer/standin-shop:latest", Map.of("PS_DOMAIN", "x"),
				Map.of(ShopContainers.DEPLOYMENT_LABEL, deploymentName(), ShopContainers.INSTANCE_LABEL,
						orphanContainer.value()),
				"bridge", "127.0.0.1", deployment.lastHostPort(), 80,
				new ContainerSpec.Confinement(64L << 20, 500_000_000L, 64, 1L << 20, List.of())));
		InstanceId orphanRoute = InstanceId.random();
		this.routes.add(orphanRoute, orphanRoute + ".demo.localhost", deployment.lastHostPort());
		InstanceId orphanDatabase = InstanceId.random();
		this.databases.create(orphanDatabase);
		int lostPort = deployment.loseAPort();
		InstanceId containerless = InstanceId.random();
		this.instances.reserve(containerless, Instant.now(), LOGIN).orElseThrow();
		this.instances.markReady(containerless, Instant.now());

		this.reconciler.round();

		assertThat(deployment.containerExists(orphanContainer.value())).isFalse();
		assertThat(deployment.routedIds()).doesNotContain(orphanRoute.value());
		assertThat(deployment.databaseOrUserExists(orphanDatabase.value())).isFalse();
		assertThat(deployment.freePorts()).contains(lostPort);
		assertThat(deployment.records()).doesNotContainKey(containerless.value());
		assertThat(deployment.freePorts()).hasSize(50);
		for (String kind : new String[] { "orphan_container", "orphan_route", "orphan_database", "leaked_port",
				"dead_container" }) {
			assertThat(this.meters.get("demo.reconcile.actions").tag("kind", kind).counter().count()).as(kind)
				.isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void aRoundOnAConsistentDeploymentChangesNothing() {
		this.reconciler.round();
		double before = this.meters.find("demo.reconcile.actions")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();

		this.reconciler.round();

		assertThat(this.meters.find("demo.reconcile.actions").counters().stream().mapToDouble((c) -> c.count()).sum())
			.isEqualTo(before);
	}

	private static String deploymentName() {
		return deployment.environment().get("DEPLOYMENT_NAME");
	}

}
