package com.demomultiplexer.pool;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.stereotype.Component;

/**
 * Destroys an ended shop: route first (the prospect loses access at once), then the
 * container, its database and user, then the record and its port. The record goes last so
 * a teardown cut short by a fault is still on record, in the ending set, for the reaper
 * to finish.
 */
@Component
public class InstanceTeardown {

	private static final Logger log = LoggerFactory.getLogger(InstanceTeardown.class);

	private final InstanceRepository instances;

	private final ContainerRuntime runtime;

	private final RouteManager routes;

	private final ShopContainers containers;

	private final ShopDatabases databases;

	private final PoolMetrics metrics;

	private final WarmupsInFlight warmups;

	private final Clock clock;

	InstanceTeardown(InstanceRepository instances, ContainerRuntime runtime, RouteManager routes,
			ShopContainers containers, ShopDatabases databases, PoolMetrics metrics, WarmupsInFlight warmups,
			Clock clock) {
		this.instances = instances;
		this.runtime = runtime;
		this.routes = routes;
		this.containers = containers;
		this.databases = databases;
		this.metrics = metrics;
		this.warmups = warmups;
		this.clock = clock;
	}

	/**
	 * Ends the shop as {@code ending} if it is in state {@code current} (any live state
	 * when null) and destroys it, or, while its warm-up still runs here, has its warmer
	 * destroy it once it stops. A shop a client or an operator ends while it warms
	 * elsewhere is left to its warmer, on the leader (the leader's own ends of warm-ups
	 * not running on it are of a former leader's, which are destroyed at once). False
	 * when it was not: someone else ended it first, or it is gone. The leader's own ends
	 * (expiries, failures, repairs) carry its {@code fence}; a client's or an operator's
	 * carry {@link Fence#NONE}.
	 * @throws com.demomultiplexer.store.FencedException when {@code fence} is no longer
	 * the leader's
	 */
	public boolean end(InstanceId id, InstanceState current, InstanceState ending, Fence fence) {
		Optional<Instance> ended = this.instances.end(id, current, ending, this.clock.instant(), fence);
		if (ended.isEmpty()) {
			return false;
		}
		if (this.warmups.cancel(id)) {
			return true;
		}
		if (fence.equals(Fence.NONE) && ended.get().readyAt() == null) {
			// Ended while warming, and its warm-up does not run here: it may run on the
			// leader, still making things. Its warmer destroys it once it stops (told by
			// the ended event, or refused a place in the pool); if no warm-up runs at
			// all, the reaper's teardown retry does.
			log.info("Instance {} was ended while warming on another replica; its warmer tears it down", id);
			return true;
		}
		destroy(ended.get());
		return true;
	}

	/** Tears down a shop that {@link InstanceRepository#end} handed to this caller. */
	public void destroy(Instance instance) {
		try (var logged = MDC.putCloseable(InstanceWarmer.LOG_KEY, instance.id().value())) {
			tearDown(instance);
		}
	}

	/**
	 * Removes what a warm-up made for a shop whose record is gone: a new leader ended and
	 * forgot it while this replica, which no longer leads, was still making things. Its
	 * route, container and database are named after its id, which nothing else uses; its
	 * port went back with its record.
	 */
	public void removeLeftovers(InstanceId id) {
		try (var logged = MDC.putCloseable(InstanceWarmer.LOG_KEY, id.value())) {
			removeWhatWasMade(id);
			log.info("Instance {} was forgotten while warming here; removed what its warm-up made", id);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove what the warm-up of instance {} made; the reconciler will: {}", id,
					ex.toString());
		}
	}

	private void tearDown(Instance instance) {
		try {
			removeWhatWasMade(instance.id());
			this.instances.forget(instance.id());
			this.metrics.released(instance.state());
			log.info("Instance {} {} and destroyed", instance.id(), instance.state().key());
		}
		catch (RuntimeException ex) {
			log.warn("Teardown of instance {} is incomplete and will be retried: {}", instance.id(), ex.toString());
		}
	}

	/**
	 * Route first (the prospect loses access at once), then the container, then its
	 * database and user; each step is fine with what is already gone.
	 */
	private void removeWhatWasMade(InstanceId id) {
		this.routes.remove(id);
		this.runtime.remove(this.containers.name(id));
		this.databases.drop(id);
	}

}
