package com.demomultiplexer.reconcile;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.pool.InstanceTeardown;
import com.demomultiplexer.reconcile.ReconcileActions.Kind;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.system.Sleeper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows Docker's event stream: when a container of ours dies (OOM, {@code docker kill},
 * a crash), its shop is failed and torn down at once, so a dead ready shop leaves the
 * pool before anyone can be handed it, and the owner of a dead assigned one sees
 * {@code failed} on its status stream. Nothing is checked on the acquire path. When the
 * stream breaks (Docker restarted) it subscribes again; the reconciler catches whatever
 * died meanwhile. Every replica follows the stream; the leader acts.
 */
@Component
class ContainerDeathWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ContainerDeathWatcher.class);

	private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(5);

	private final ContainerRuntime runtime;

	private final InstanceRepository instances;

	private final InstanceTeardown teardown;

	private final ReconcileActions actions;

	private final Map<String, String> ourLabels;

	private final LeaderLease lease;

	private final Sleeper sleeper;

	private volatile boolean running;

	private volatile Closeable subscription;

	ContainerDeathWatcher(ContainerRuntime runtime, InstanceRepository instances, InstanceTeardown teardown,
			ReconcileActions actions, DeploymentProperties deployment, LeaderLease lease, Sleeper sleeper) {
		this.runtime = runtime;
		this.lease = lease;
		this.instances = instances;
		this.teardown = teardown;
		this.actions = actions;
		this.ourLabels = Map.of(ShopContainers.DEPLOYMENT_LABEL, deployment.name());
		this.sleeper = sleeper;
	}

	@Override
	public void start() {
		this.running = true;
		subscribe();
	}

	private void subscribe() {
		if (!this.running) {
			return;
		}
		try {
			this.subscription = this.runtime.watchStops(this.ourLabels,
					(labels) -> Thread.ofVirtual().start(() -> onStop(labels.get(ShopContainers.INSTANCE_LABEL))),
					this::subscribeLater);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot follow Docker's events ({}); trying again in {}", ex.toString(), RESUBSCRIBE_AFTER);
			subscribeLater();
		}
	}

	private void subscribeLater() {
		if (this.running) {
			Thread.ofVirtual().start(() -> {
				try {
					this.sleeper.sleep(RESUBSCRIBE_AFTER);
					subscribe();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
	}

	private void onStop(String instanceId) {
		if (instanceId == null) {
			return;
		}
		Optional<Fence> fence = this.lease.fence();
		if (fence.isEmpty()) {
			// The leader's own watcher handles it.
			return;
		}
		try {
			InstanceId id = new InstanceId(instanceId);
			this.instances.find(id)
				.map((instance) -> instance.state())
				.filter((state) -> state == InstanceState.READY || state == InstanceState.ASSIGNED)
				.filter((state) -> this.teardown.end(id, state, InstanceState.FAILED, fence.get()))
				.ifPresent((state) -> this.actions.took(Kind.DEAD_CONTAINER, id));
		}
		catch (RuntimeException ex) {
			log.warn("Could not handle the death of instance {}; the reconciler will: {}", instanceId, ex.toString());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			if (this.subscription != null) {
				this.subscription.close();
			}
		}
		catch (IOException ex) {
			log.debug("Closing Docker's event stream failed", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
