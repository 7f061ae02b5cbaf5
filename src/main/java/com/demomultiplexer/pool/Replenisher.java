package com.demomultiplexer.pool;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.leadership.ReplicaHeartbeat;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.FencedException;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the pool at its target, on the leader only. Each round reserves the shops to warm
 * on the scheduler thread, so the next round already counts them, and boots them on
 * virtual threads, at most POOL_WARMUP_CONCURRENCY at once.
 */
@Component
class Replenisher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Replenisher.class);

	private final InstanceRepository instances;

	private final InstanceWarmer warmer;

	private final RouteManager routes;

	private final PoolProperties pool;

	private final ContainerRuntime runtime;

	private final ShopContainers containers;

	private final ContainerProperties container;

	private final WarmupBackoff backoff;

	private final PoolControls controls;

	private final LeaderLease lease;

	private final ReplicaHeartbeat replicas;

	private final Semaphore warmupSlots;

	private final ExecutorService warmups = Executors.newVirtualThreadPerTaskExecutor();

	private volatile boolean prepared;

	Replenisher(InstanceRepository instances, InstanceWarmer warmer, WarmupBackoff backoff, PoolControls controls,
			LeaderLease lease, ReplicaHeartbeat replicas, RouteManager routes, ContainerRuntime runtime,
			ShopContainers containers, PoolProperties pool, ContainerProperties container) {
		this.lease = lease;
		this.replicas = replicas;
		this.instances = instances;
		this.warmer = warmer;
		this.backoff = backoff;
		this.controls = controls;
		this.runtime = runtime;
		this.containers = containers;
		this.routes = routes;
		this.pool = pool;
		this.container = container;
		this.warmupSlots = new Semaphore(pool.warmupConcurrency());
	}

	/**
	 * One round. A round that fails (Caddy refuses the server, Valkey is unavailable)
	 * counts toward the backoff and the pause like a failed warm-up, so it is retried
	 * ever later rather than every second, and health says why.
	 */
	@Scheduled(fixedDelayString = "${pool.replenish-interval}")
	void replenish() {
		Optional<Fence> fence = this.lease.fence();
		if (fence.isEmpty() || !this.backoff.due()) {
			return;
		}
		try {
			if (this.controls.pausedByOperator()) {
				return;
			}
			prepare();
			int toStart = this.backoff.allow(ReplenishPolicy.instancesToStart(this.instances.counts(),
					this.controls.target(), this.pool.maxSize(), this.warmupSlots.availablePermits()));
			for (int i = 0; i < toStart && this.warmupSlots.tryAcquire(); i++) {
				startOne(fence.get());
			}
			this.backoff.roundSucceeded();
		}
		catch (FencedException ex) {
			// Another replica took over since this round began: no failure to back off.
			log.info("Replenishing stopped: this replica no longer leads");
		}
		catch (RuntimeException ex) {
			this.backoff.roundFailed((ex.getMessage() != null) ? ex.getMessage() : ex.toString());
			log.warn("Replenishing failed, next try after {}: {}", this.backoff.state().nextAttempt(), ex.toString());
		}
	}

	/**
	 * Seeds the port set and makes sure Caddy has the server routes go into. Done in the
	 * first round that reaches both rather than at start-up, so the service starts while
	 * they are down.
	 */
	private void prepare() {
		if (!this.prepared) {
			this.instances.seedPorts(this.container.portRangeStart(), this.container.portRangeEnd());
			this.runtime.ensureNetwork(this.containers.network());
			this.routes.ensureServer(this.replicas.apis());
			this.prepared = true;
		}
	}

	/**
	 * Reserves a shop and warms it on a slot already taken. The slot passes to the
	 * warm-up, or is given back whatever happens: a reservation that fails (Valkey
	 * unavailable) must not cost a slot for good.
	 */
	private void startOne(Fence fence) {
		boolean handedOver = false;
		try {
			Optional<InstanceWarmer.Reservation> reservation = this.warmer.reserve(fence);
			if (reservation.isPresent()) {
				warmInBackground(reservation.get());
				handedOver = true;
			}
		}
		finally {
			if (!handedOver) {
				this.warmupSlots.release();
			}
		}
	}

	private void warmInBackground(InstanceWarmer.Reservation reservation) {
		this.warmups.execute(() -> {
			try {
				this.warmer.warm(reservation);
			}
			catch (RuntimeException ex) {
				// The warmer catches what it expects; anything else is logged here rather
				// than lost on a virtual thread, and the slot comes back all the same.
				log.warn("Warm-up of instance {} ended in an unexpected error: {}", reservation.id(), ex.toString());
			}
			finally {
				this.warmupSlots.release();
			}
		});
	}

	/**
	 * Interrupts warm-ups in flight; each tears down what it made before its thread ends.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.warmups.shutdownNow();
		this.warmups.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
	}

}
