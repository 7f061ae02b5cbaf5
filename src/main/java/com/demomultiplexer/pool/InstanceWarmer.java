package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.ShopReadiness;
import com.demomultiplexer.container.ShopUpstreams;
import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.container.WarmupFailedException.Reason;
import com.demomultiplexer.database.ShopDatabase;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.FencedException;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.system.Secrets;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Warms one shop: reserve an id and a port, start its container, wait until it answers to
 * its own host name, route that host to it in Caddy, and only then put it in the pool.
 * Any failure tears down whatever was made.
 */
@Component
class InstanceWarmer {

	private static final Logger log = LoggerFactory.getLogger(InstanceWarmer.class);

	/**
	 * The MDC key that puts the instance id on every log line about an instance (a field
	 * in JSON logs).
	 */
	static final String LOG_KEY = "instance";

	/**
	 * A shop recorded as warming, with the host port it holds, its back-office login and
	 * the token of the leadership that reserved it: only that leadership may put it in
	 * the pool or fail it.
	 */
	record Reservation(InstanceId id, int hostPort, Instant reservedAt, BackOfficeLogin backOffice, Fence fence) {
	}

	private static final int BACK_OFFICE_PASSWORD_LENGTH = 16;

	private final InstanceRepository instances;

	private final ContainerRuntime runtime;

	private final ShopReadiness readiness;

	private final RouteManager routes;

	private final ShopUpstreams upstreams;

	private final ShopContainers containers;

	private final PublicUrlProperties publicUrls;

	private final InstanceTeardown teardown;

	private final PoolMetrics metrics;

	private final ShopDatabases databases;

	private final String adminEmail;

	private final RetryAfterEstimator retryAfter;

	private final WarmupBackoff backoff;

	private final Duration warmupTimeout;

	private final WarmupsInFlight warmups;

	private final Clock clock;

	InstanceWarmer(InstanceRepository instances, ContainerRuntime runtime, ShopReadiness readiness, RouteManager routes,
			ShopUpstreams upstreams, ShopContainers containers, PublicUrlProperties publicUrls,
			InstanceTeardown teardown, PoolMetrics metrics, ShopDatabases databases,
			ShopDatabaseProperties shopDatabase, RetryAfterEstimator retryAfter, WarmupBackoff backoff,
			WarmupsInFlight warmups, PoolProperties pool, Clock clock) {
		this.instances = instances;
		this.runtime = runtime;
		this.readiness = readiness;
		this.routes = routes;
		this.upstreams = upstreams;
		this.containers = containers;
		this.publicUrls = publicUrls;
		this.teardown = teardown;
		this.metrics = metrics;
		this.databases = databases;
		this.adminEmail = shopDatabase.adminEmail();
		this.retryAfter = retryAfter;
		this.backoff = backoff;
		this.warmupTimeout = pool.warmupTimeout();
		this.warmups = warmups;
		this.clock = clock;
	}

	/**
	 * Records a new warming shop on a free port, as the leader holding {@code fence};
	 * empty when every port of the range is taken.
	 * @throws com.demomultiplexer.store.FencedException when {@code fence} is no longer
	 * the leader's
	 */
	Optional<Reservation> reserve(Fence fence) {
		InstanceId id = InstanceId.random();
		Instant now = this.clock.instant();
		BackOfficeLogin backOffice = new BackOfficeLogin(this.adminEmail,
				Secrets.alphanumeric(BACK_OFFICE_PASSWORD_LENGTH));
		// Registered before the record exists, so whoever ends the shop from the start
		// leaves its teardown to this warm-up.
		this.warmups.begin(id);
		Optional<Reservation> reservation = Optional.empty();
		try {
			reservation = this.instances.reserve(id, now, backOffice, fence)
				.map((port) -> new Reservation(id, port, now, backOffice, fence));
		}
		finally {
			if (reservation.isEmpty()) {
				this.warmups.finish(id);
			}
		}
		if (reservation.isEmpty()) {
			log.warn("No free host port left in the configured range; no warm-up started");
		}
		return reservation;
	}

	/**
	 * Boots a reserved shop into the pool, or tears down whatever it made: on any
	 * failure, at shutdown, and when someone else ended the shop meanwhile (then only
	 * once it has stopped making things; see {@link WarmupsInFlight}).
	 */
	void warm(Reservation reservation) {
		InstanceId id = reservation.id();
		try (var logged = MDC.putCloseable(LOG_KEY, id.value())) {
			this.warmups.runOnThisThread(id);
			boolean settled = boot(reservation);
			boolean cancelled = this.warmups.finish(id);
			// No interrupt can come after finish; one left over from a cancel or a
			// shutdown must not cut the cleanup short.
			Thread.interrupted();
			if (cancelled) {
				log.info("Instance {} was ended while warming; removing what its warm-up made", id);
				destroyEnded(id);
			}
			else if (!settled) {
				fail(reservation);
			}
		}
		catch (RuntimeException ex) {
			// Valkey unavailable while ending it: the record stays warming, and the
			// reaper ends it after twice the warm-up timeout.
			log.warn("Warm-up of instance {} could not be ended cleanly: {}", id, ex.toString());
		}
	}

	/**
	 * True when the shop is in the pool. False when it must be ended as failed, or
	 * destroyed because someone ended it meanwhile.
	 */
	private boolean boot(Reservation reservation) {
		InstanceId id = reservation.id();
		String name = this.containers.name(id);
		try {
			stopIfEnded(id);
			ShopDatabase database = createDatabase(id);
			stopIfEnded(id);
			start(reservation, database);
			stopIfEnded(id);
			this.readiness.await(name, reservation.hostPort(), this.publicUrls.shopAuthority(id), this.warmupTimeout);
			stopIfEnded(id);
			route(reservation);
			if (!this.instances.markReady(id, this.clock.instant(), reservation.fence())) {
				// Ended while booting: by this process (then the warm-up is cancelled) or
				// through another replica, which leaves the teardown to this warmer.
				return false;
			}
			Duration took = Duration.between(reservation.reservedAt(), this.clock.instant());
			this.metrics.warmedUp(took);
			this.retryAfter.warmupTook(took);
			this.backoff.succeeded();
			log.info("Instance {} is ready on port {}", id, reservation.hostPort());
			return true;
		}
		catch (WarmupEndedException | InterruptedException ex) {
			if (!this.warmups.isCancelled(id)) {
				log.info("Warm-up of instance {} interrupted by shutdown", id);
			}
			return false;
		}
		catch (RuntimeException ex) {
			if (this.warmups.isCancelled(id) || ex instanceof FencedException) {
				// Interrupted because someone ended it, or refused because another
				// replica leads now: not a failure of the shop.
				return false;
			}
			WarmupFailedException failure = (ex instanceof WarmupFailedException known) ? known
					: new WarmupFailedException(Reason.ERROR, ex.toString(), ex);
			log.warn("Warm-up of instance {} failed ({}): {}", id, failure.reason(), failure.getMessage());
			this.metrics.warmupFailed(failure.reason());
			this.backoff.failed(failure.reason(), failure.getMessage());
			return false;
		}
	}

	/** Stops making things for a shop someone else ended meanwhile. */
	private void stopIfEnded(InstanceId id) {
		if (this.warmups.isCancelled(id)) {
			throw new WarmupEndedException();
		}
	}

	/**
	 * The shop's record, ended by someone else, destroyed by its warmer; when the record
	 * is gone already (a new leader ended and forgot it while this warm-up went on), what
	 * the warm-up made is removed all the same.
	 */
	private void destroyEnded(InstanceId id) {
		this.instances.find(id).ifPresentOrElse(this.teardown::destroy, () -> this.teardown.removeLeftovers(id));
	}

	/** A warm-up stops because its shop was ended by someone else. */
	private static final class WarmupEndedException extends RuntimeException {

		private WarmupEndedException() {
			super(null, null, false, false);
		}

	}

	private ShopDatabase createDatabase(InstanceId id) {
		try {
			return this.databases.create(id);
		}
		catch (DataAccessException ex) {
			// Only the cause's type: a driver message could quote the statement, password
			// and all.
			throw new WarmupFailedException(Reason.DATABASE_FAILED,
					"cannot create the shop's database: " + ex.getMostSpecificCause().getClass().getSimpleName(), null);
		}
	}

	private void start(Reservation reservation, ShopDatabase database) {
		try {
			this.runtime.start(
					this.containers.spec(reservation.id(), reservation.hostPort(), database, reservation.backOffice()));
		}
		catch (RuntimeException ex) {
			throw new WarmupFailedException(Reason.START_FAILED, "cannot start container: " + ex, ex);
		}
	}

	private void route(Reservation reservation) {
		try {
			InstanceId id = reservation.id();
			this.routes.add(id, this.publicUrls.shopHost(id),
					this.upstreams.dial(this.containers.name(id), reservation.hostPort()));
		}
		catch (RuntimeException ex) {
			throw new WarmupFailedException(Reason.ROUTE_FAILED, "cannot add route: " + ex, ex);
		}
	}

	/**
	 * Ends the shop as failed. When this replica no longer leads, it may not: it still
	 * removes what it made, and leaves the record, warming, to the new leader, which ends
	 * the warm-ups of the old one.
	 */
	private void fail(Reservation reservation) {
		try {
			if (!this.teardown.end(reservation.id(), InstanceState.WARMING, InstanceState.FAILED,
					reservation.fence())) {
				// Ended through another replica, which left its teardown to this warmer.
				log.info("Instance {} was ended while warming; removing what its warm-up made", reservation.id());
				destroyEnded(reservation.id());
			}
		}
		catch (FencedException ex) {
			destroyEnded(reservation.id());
		}
	}

}
