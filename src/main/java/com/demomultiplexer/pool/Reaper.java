package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On the leader, ends what must end: assigned shops past their expiry, warm-ups abandoned
 * by a process that died, and teardowns that a fault cut short.
 */
@Component
class Reaper {

	private static final Logger log = LoggerFactory.getLogger(Reaper.class);

	/**
	 * A teardown takes seconds; one still on record after this was interrupted and is
	 * retried.
	 */
	static final Duration TEARDOWN_RETRY_AFTER = Duration.ofSeconds(30);

	private final InstanceRepository instances;

	private final InstanceTeardown teardown;

	private final Duration abandonedWarmupAge;

	private final WarmupsInFlight warmups;

	private final Clock clock;

	private final LeaderLease lease;

	Reaper(InstanceRepository instances, InstanceTeardown teardown, WarmupsInFlight warmups, LeaderLease lease,
			PoolProperties pool, Clock clock) {
		this.lease = lease;
		this.instances = instances;
		this.teardown = teardown;
		this.warmups = warmups;
		// A live warm-up gives up at its timeout; twice that means nobody is warming it
		// any more.
		this.abandonedWarmupAge = pool.warmupTimeout().multipliedBy(2);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${pool.reap-interval}")
	void reap() {
		Optional<Fence> fence = this.lease.fence();
		if (fence.isEmpty()) {
			return;
		}
		try {
			Instant now = this.clock.instant();
			for (InstanceId id : this.instances.assignedExpiredBy(now)) {
				this.teardown.end(id, InstanceState.ASSIGNED, InstanceState.EXPIRED, fence.get());
			}
			for (InstanceId id : this.instances.warmingSince(now.minus(this.abandonedWarmupAge))) {
				this.teardown.end(id, InstanceState.WARMING, InstanceState.FAILED, fence.get());
			}
			for (InstanceId id : this.instances.endingSince(now.minus(TEARDOWN_RETRY_AFTER))) {
				// A shop ended while its warm-up runs here is its warmer's to tear down,
				// however long its current step takes.
				if (!this.warmups.isRunning(id)) {
					this.instances.find(id).ifPresent(this.teardown::destroy);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reaping failed, retrying next round: {}", ex.toString());
		}
	}

}
