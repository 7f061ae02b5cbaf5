package com.demomultiplexer.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.pool.InstanceTeardown;
import com.demomultiplexer.pool.PoolControls;
import com.demomultiplexer.pool.PoolManager;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the real Docker, Valkey, Caddy and MariaDB: debris of every kind
 * is made behind the service's back, and one round removes it, counting each repair by
 * kind; real shops that are as they should be, it leaves as they are.
 */
@EndToEndTest
@Tag(ContainerEngine.TAG)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h" })
class ReconcilerIT {

	private static final Deployment deployment = new Deployment(24200);

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	@Autowired
	Reconciler reconciler;

	@Autowired
	InstanceRepository instances;

	@Autowired
	LeaderLease lease;

	/** This test plays the leader's part with the service's own token. */
	private Fence fence;

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

	@Autowired
	PoolControls controls;

	@Autowired
	PoolManager pool;

	@Autowired
	InstanceTeardown teardown;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void oneRoundRemovesOrphansAndRestoresWhatIsMissing() {
		InstanceId orphanContainer = InstanceId.random();
		// A shop of this deployment, as a warm-up would start it, that no record knows.
		this.runtime.start(this.containers.spec(orphanContainer, deployment.lastHostPort(),
				this.databases.create(orphanContainer), LOGIN));
		InstanceId orphanRoute = InstanceId.random();
		this.routes.add(orphanRoute, orphanRoute + ".demo.localhost", "127.0.0.1:" + deployment.lastHostPort());
		InstanceId orphanDatabase = InstanceId.random();
		this.databases.create(orphanDatabase);
		int lostPort = deployment.loseAPort();
		InstanceId containerless = InstanceId.random();
		this.fence = Leases.awaitLeading(this.lease);
		this.instances.reserve(containerless, Instant.now(), LOGIN, this.fence).orElseThrow();
		this.instances.markReady(containerless, Instant.now(), this.fence);
		if (deployment.engine().isPodman()) {
			InstanceId orphanNetwork = InstanceId.random();
			deployment.makeShopNetwork(orphanNetwork.value());
			assertThat(deployment.shopNetworkIds()).as("the control: networks to remove")
				.contains(orphanNetwork.value(), orphanContainer.value());
		}

		this.reconciler.round(Leases.awaitLeading(this.lease));

		assertThat(deployment.containerExists(orphanContainer.value())).isFalse();
		assertThat(deployment.shopNetworkIds()).as("no shop's network left (Podman's; Docker makes none)").isEmpty();
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
	void aRoundOnAConsistentDeploymentChangesNothing() throws Exception {
		// Two real shops, one ready and one handed out; with the target back at 0 the
		// replenisher makes no more.
		this.controls.setTarget(2);
		await().atMost(Duration.ofSeconds(60)).until(() -> deployment.idsIn("ready").size() == 2);
		this.controls.setTarget(0);
		InstanceId assigned = this.pool.acquire("192.0.2.1", Duration.ZERO).instance().id();
		InstanceId ready = new InstanceId(deployment.idsIn("ready").get(0));
		try {
			Map<String, Map<String, String>> records = deployment.records();
			double repairs = repairs();

			this.reconciler.round(Leases.awaitLeading(this.lease));

			assertThat(repairs()).as("repairs").isEqualTo(repairs);
			assertThat(deployment.records()).as("states, ports and expiry").isEqualTo(records);
			assertThat(deployment.idsIn("ready")).containsExactly(ready.value());
			assertThat(deployment.idsIn("assigned")).containsExactly(assigned.value());
			for (InstanceId shop : List.of(ready, assigned)) {
				assertThat(deployment.inspect(shop.value()).getState().getRunning()).as("container of " + shop)
					.isTrue();
				assertThat(deployment.routeExists(shop.value())).as("route of " + shop).isTrue();
			}

			// The control: the round does look at these shops, and a repair shows.
			deployment.deleteRoute(ready.value());
			this.reconciler.round(Leases.awaitLeading(this.lease));
			assertThat(repairs()).isEqualTo(repairs + 1);
			assertThat(deployment.routeExists(ready.value())).isTrue();
		}
		finally {
			// The other case expects every port of the range free again.
			this.teardown.end(ready, null, InstanceState.RELEASED, Fence.NONE);
			this.teardown.end(assigned, null, InstanceState.RELEASED, Fence.NONE);
		}
	}

	/** Repairs counted so far, of every kind, by the reconciler and the death watcher. */
	private double repairs() {
		return this.meters.find("demo.reconcile.actions").counters().stream().mapToDouble(Counter::count).sum();
	}

}
