package com.demomultiplexer.leadership;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.ReplicaProperties;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.LeaseStore;
import com.demomultiplexer.store.LeaseStore.LeaseClaim;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which replica of the deployment leads: the one holding the lease in Valkey. Every
 * replica claims or renews it each REPLICA_RENEW_INTERVAL; the leader refills, reaps and
 * reconciles, and the writes only it may make carry its fencing token, which Valkey
 * refuses once another replica has taken over.
 * <p>
 * This replica counts itself leader only until the lease it last renewed would run out,
 * measured from before it asked and on the monotonic clock: a process that was frozen
 * knows, the moment it runs again, that it no longer leads, even before it can ask
 * Valkey. Should it act anyway (a thread that was past this check when it froze), the
 * fencing token stops the write.
 */
@Component
public class LeaderLease implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

	private final LeaseStore store;

	private final String replica;

	private final Duration lease;

	private final ApplicationEventPublisher events;

	private final LongSupplier nanoTime;

	/**
	 * Listeners run here, one change after the other, so renewals never wait for them.
	 */
	private final ExecutorService announcements = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());

	private volatile Held held;

	private volatile String holder = "";

	/**
	 * The token of this replica's last leadership, kept when its lease ran out here
	 * because Valkey did not answer in time: Valkey may still hold it (the renewals ran,
	 * their answers came late), and then this replica takes it back rather than follow
	 * its own lease, with nobody leading, until it runs out there too. Cleared once
	 * another replica holds the lease.
	 */
	private volatile String lastToken = "";

	@Autowired
	LeaderLease(LeaseStore store, ThisReplica replica, ReplicaProperties properties, ApplicationEventPublisher events) {
		this(store, replica.name(), properties.lease(), events, System::nanoTime);
	}

	LeaderLease(LeaseStore store, String replica, Duration lease, ApplicationEventPublisher events,
			LongSupplier nanoTime) {
		this.store = store;
		this.replica = replica;
		this.lease = lease;
		this.events = events;
		this.nanoTime = nanoTime;
	}

	/** Whether this replica leads now. */
	public boolean isLeader() {
		return fence().isPresent();
	}

	/** This leadership's token, for the writes only the leader may make; empty if not. */
	public Optional<Fence> fence() {
		Held current = this.held;
		return (current != null && current.validAt(this.nanoTime.getAsLong())) ? Optional.of(current.fence)
				: Optional.empty();
	}

	/** The replica that held the lease at the last renewal ("" before the first). */
	public String holder() {
		return this.holder;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${replica.renew-interval}")
	void renew() {
		long asked = this.nanoTime.getAsLong();
		Held before = this.held;
		try {
			LeaseClaim claim = this.store.claim(this.replica, (before != null) ? before.fence.token() : this.lastToken,
					this.lease);
			this.holder = claim.holder();
			this.lastToken = claim.leader() ? claim.token() : "";
			Held after = claim.leader() ? new Held(new Fence(claim.token()), asked + this.lease.toNanos()) : null;
			this.held = after;
			announce(before, after);
		}
		catch (RuntimeException ex) {
			// Valkey does not answer: lead on while the lease can still hold, and no
			// longer.
			log.warn("Cannot renew the leader's lease: {}", ex.toString());
			if (before != null && !before.validAt(this.nanoTime.getAsLong())) {
				this.held = null;
				this.holder = "";
				announce(before, null);
			}
		}
	}

	private void announce(Held before, Held after) {
		String beforeToken = (before != null) ? before.fence.token() : null;
		String afterToken = (after != null) ? after.fence.token() : null;
		if (beforeToken != null && !beforeToken.equals(afterToken)) {
			log.warn("Replica {} no longer leads (lease held by {})", this.replica,
					this.holder.isEmpty() ? "nobody known" : this.holder);
			publish(new LeadershipChanged(false, this.holder));
		}
		if (afterToken != null && !afterToken.equals(beforeToken)) {
			log.info("Replica {} leads now (fencing token {})", this.replica, afterToken);
			publish(new LeadershipChanged(true, this.replica));
		}
	}

	private void publish(LeadershipChanged change) {
		this.announcements.execute(() -> this.events.publishEvent(change));
	}

	/** A replica that stops gives the lease up, so that another takes over at once. */
	@Override
	public void destroy() {
		this.announcements.shutdownNow();
		Held current = this.held;
		this.held = null;
		if (current != null) {
			try {
				this.store.resign(current.fence.token());
				log.info("Replica {} gave up the leader's lease", this.replica);
			}
			catch (RuntimeException ex) {
				log.warn("Cannot give up the leader's lease; it runs out in {}: {}", this.lease, ex.toString());
			}
		}
	}

	private record Held(Fence fence, long validUntilNanos) {

		boolean validAt(long nanos) {
			return nanos - this.validUntilNanos < 0;
		}

	}

}
