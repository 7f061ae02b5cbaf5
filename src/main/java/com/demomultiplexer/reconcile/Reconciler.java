package com.demomultiplexer.reconcile;

import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ManagedContainer;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.ShopUpstreams;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.leadership.LeadershipChanged;
import com.demomultiplexer.leadership.ReplicaHeartbeat;
import com.demomultiplexer.pool.InstanceTeardown;
import com.demomultiplexer.pool.WarmupsInFlight;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.reconcile.ReconcileActions.Kind;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On the leader, when it takes over and every RECONCILE_INTERVAL, compares what Docker,
 * Valkey, Caddy, the port set and MariaDB hold for this deployment, keeps what agrees —
 * after a restart the ready pool stays ready and assigned shops keep their expiry — and
 * repairs the rest. Everything is read in the order things are created (record, database,
 * container, route), and each finding is checked once more before acting, so a warm-up or
 * teardown running meanwhile is never mistaken for debris.
 */
@Component
class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final InstanceRepository instances;

	private final ContainerRuntime runtime;

	private final RouteManager routes;

	private final ShopUpstreams upstreams;

	private final ShopDatabases databases;

	private final InstanceTeardown teardown;

	private final ShopContainers containers;

	private final PublicUrlProperties publicUrls;

	private final ContainerProperties container;

	private final Map<String, String> ourLabels;

	private final ReconcileActions actions;

	private final LeaderLease lease;

	private final ReplicaHeartbeat replicas;

	private final WarmupsInFlight warmups;

	private final Timer rounds;

	Reconciler(InstanceRepository instances, ContainerRuntime runtime, RouteManager routes, ShopUpstreams upstreams,
			ShopDatabases databases, InstanceTeardown teardown, ShopContainers containers,
			PublicUrlProperties publicUrls, ContainerProperties container, DeploymentProperties deployment,
			ReconcileActions actions, LeaderLease lease, ReplicaHeartbeat replicas, WarmupsInFlight warmups,
			MeterRegistry meters) {
		this.lease = lease;
		this.replicas = replicas;
		this.warmups = warmups;
		this.instances = instances;
		this.runtime = runtime;
		this.routes = routes;
		this.upstreams = upstreams;
		this.databases = databases;
		this.teardown = teardown;
		this.containers = containers;
		this.publicUrls = publicUrls;
		this.container = container;
		this.ourLabels = Map.of(ShopContainers.DEPLOYMENT_LABEL, deployment.name());
		this.actions = actions;
		this.rounds = Timer.builder("demo.reconcile.rounds")
			.description("Completed reconcile rounds and how long they took")
			.register(meters);
	}

	/**
	 * One round, on the leader only. The schedule's first round comes one interval after
	 * start-up: the round a replica runs when it takes the lead (at start-up, the first
	 * one to claim it) is the start-up round. Synchronized: that round runs beside the
	 * schedule.
	 */
	@Scheduled(initialDelayString = "${reconcile.interval}", fixedDelayString = "${reconcile.interval}")
	synchronized void reconcile() {
		Optional<Fence> fence = this.lease.fence();
		if (fence.isEmpty()) {
			return;
		}
		try {
			this.rounds.record(() -> round(fence.get()));
		}
		catch (RuntimeException ex) {
			log.warn("Reconciling failed, retrying next round: {}", ex.toString());
		}
	}

	/**
	 * A replica that takes over repairs at once what its predecessor left: warm-ups it
	 * will never finish, and Caddy's list of replicas.
	 */
	@EventListener
	void onLeadershipChanged(LeadershipChanged change) {
		if (change.leading()) {
			reconcile();
		}
	}

	void round(Fence fence) {
		// Caddy started without --resume has forgotten the server; Docker may have lost
		// the network. (Valkey that lost its data, the port set: reclaimPorts below
		// rebuilds it.) The API route lists the replicas alive.
		this.routes.ensureServer(this.replicas.apis());
		this.runtime.ensureNetwork(this.containers.network());

		List<ManagedContainer> ours = this.runtime.list(this.ourLabels);
		Map<InstanceId, ManagedContainer> byInstance = ours.stream()
			.filter((candidate) -> candidate.instanceId() != null)
			.collect(Collectors.toMap((candidate) -> new InstanceId(candidate.instanceId()), Function.identity(),
					(first, second) -> first));
		Map<InstanceId, Instance> records = this.instances.records()
			.stream()
			.collect(Collectors.toMap(Instance::id, Function.identity()));
		Set<InstanceId> routed = this.routes.routed();

		for (Instance record : records.values()) {
			reconcileRecord(record, byInstance.get(record.id()), routed.contains(record.id()), fence);
		}
		for (ManagedContainer orphan : ours) {
			if (orphan.instanceId() == null || isGone(new InstanceId(orphan.instanceId()), records)) {
				this.runtime.remove(orphan.name());
				this.actions.took(Kind.ORPHAN_CONTAINER, orphan.name());
			}
		}
		for (InstanceId id : routed) {
			if (isGone(id, records)) {
				this.routes.remove(id);
				this.actions.took(Kind.ORPHAN_ROUTE, id);
			}
		}
		long reclaimed = this.instances.reclaimPorts(this.container.portRangeStart(), this.container.portRangeEnd());
		if (reclaimed > 0) {
			this.actions.took(Kind.LEAKED_PORT, reclaimed + " ports", reclaimed);
		}
		for (InstanceId id : this.databases.existing()) {
			if (isGone(id, records)) {
				this.databases.drop(id);
				this.actions.took(Kind.ORPHAN_DATABASE, this.databases.name(id));
			}
		}
	}

	private void reconcileRecord(Instance record, ManagedContainer container, boolean hasRoute, Fence fence) {
		InstanceState state = record.state();
		if (state == InstanceState.WARMING) {
			// Only the leader warms shops, and registers each warm-up here before its
			// record is written: a warm-up on record that does not run here is a former
			// leader's (dead, or fenced off and unable to finish it).
			if (!this.warmups.isRunning(record.id())
					&& this.teardown.end(record.id(), InstanceState.WARMING, InstanceState.FAILED, fence)) {
				this.actions.took(Kind.ABANDONED_WARMUP, record.id());
			}
			return;
		}
		if (state != InstanceState.READY && state != InstanceState.ASSIGNED) {
			return;
		}
		if ((container == null || !container.running())
				&& !this.runtime.status(this.containers.name(record.id())).running()) {
			if (this.teardown.end(record.id(), state, InstanceState.FAILED, fence)) {
				this.actions.took(Kind.DEAD_CONTAINER, record.id());
			}
			return;
		}
		if (!hasRoute && stillLive(record.id())) {
			this.routes.add(record.id(), this.publicUrls.shopHost(record.id()),
					this.upstreams.dial(this.containers.name(record.id()), record.hostPort()));
			this.actions.took(Kind.MISSING_ROUTE, record.id());
		}
	}

	/**
	 * Not in the snapshot, and still not on record now: nothing of it is being worked on.
	 */
	private boolean isGone(InstanceId id, Map<InstanceId, Instance> records) {
		return !records.containsKey(id) && this.instances.find(id).isEmpty();
	}

	private boolean stillLive(InstanceId id) {
		return this.instances.find(id)
			.map(Instance::state)
			.filter((state) -> state == InstanceState.READY || state == InstanceState.ASSIGNED)
			.isPresent();
	}

}
