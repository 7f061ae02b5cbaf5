package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PoolSizingProperties;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.sizing.ArrivalBuckets;
import com.demomultiplexer.sizing.PoolSizer;
import com.demomultiplexer.sizing.SizingRules;
import com.demomultiplexer.store.FencedException;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.store.SizingStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With POOL_TARGET_MODE=adaptive, decides the target every replenisher interval, on the
 * leader only, from the arrivals every replica's acquires counted in Valkey and the
 * typical warm-up time ({@link PoolSizer}), and keeps the decision in Valkey, where every
 * replica's {@link PoolControls} reads it. A replica that takes the lead carries on from
 * the last decision rather than from scratch. Ready shops above the target are retired at
 * POOL_SHRINK_PER_MINUTE a minute, the pace the target itself falls at.
 */
@Component
@ConditionalOnProperty(name = "pool.sizing.target-mode", havingValue = "adaptive")
class AdaptiveTarget {

	private static final Logger log = LoggerFactory.getLogger(AdaptiveTarget.class);

	private final SizingStore store;

	private final InstanceRepository instances;

	private final InstanceTeardown teardown;

	private final PoolControls controls;

	private final LeaderLease lease;

	private final SizingRules rules;

	private final ArrivalBuckets buckets;

	private final Duration warmupBeforeAnyTimed;

	private final Clock clock;

	private final int initialTarget;

	/** Retirements are spaced by this: POOL_SHRINK_PER_MINUTE a minute. */
	private final Duration retirementSpacing;

	private Instant nextRetirement = Instant.MIN;

	/**
	 * Made when this replica starts to lead, from the last decision; dropped when not.
	 */
	private PoolSizer sizer;

	private boolean failing;

	AdaptiveTarget(SizingStore store, InstanceRepository instances, InstanceTeardown teardown, PoolControls controls,
			LeaderLease lease, PoolProperties pool, PoolSizingProperties sizing, Clock clock) {
		this.store = store;
		this.instances = instances;
		this.teardown = teardown;
		this.controls = controls;
		this.lease = lease;
		this.rules = new SizingRules(sizing.emptyRisk(), pool.minSize(), pool.maxSize(), sizing.shrinkPerMinute(),
				pool.replenishInterval());
		this.buckets = sizing.buckets();
		this.initialTarget = pool.targetSize();
		this.retirementSpacing = Duration.ofMillis((long) (60_000 / sizing.shrinkPerMinute()));
		// Before any warm-up was timed, the longest one may take: a pool sized for it is
		// too big for a while rather than too small.
		this.warmupBeforeAnyTimed = pool.warmupTimeout();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${pool.replenish-interval}")
	void decide() {
		if (!this.lease.isLeader()) {
			this.sizer = null;
			return;
		}
		try {
			if (this.sizer == null) {
				// From where every replica's target is now: the last decision, or
				// POOL_TARGET_SIZE before any (as PoolControls has it), so that it falls
				// from there at the shrink rate too.
				this.sizer = new PoolSizer(this.rules, this.store.target().orElse(this.initialTarget),
						this.clock.instant());
			}
			PoolSizer.Decision decision = this.sizer.decide(this.buckets.demand(this.store.arrivals()),
					this.store.warmupTime().orElse(this.warmupBeforeAnyTimed), this.clock.instant());
			this.store.save(decision);
			retireOneAbove(this.controls.target());
			if (this.failing) {
				this.failing = false;
				log.info("Adaptive sizing decides again: target {}", decision.target());
			}
		}
		catch (FencedException ex) {
			log.info("Adaptive sizing stopped: this replica no longer leads");
		}
		catch (RuntimeException ex) {
			// Valkey does not answer: the last decision stands.
			if (!this.failing) {
				this.failing = true;
				log.warn("Cannot decide the adaptive target; the last one stands: {}", ex.toString());
			}
		}
	}

	/**
	 * Retires one ready shop while more are ready than the target (the operator's, when
	 * one is pinned), no more often than POOL_SHRINK_PER_MINUTE a minute. Shops still
	 * warming are left to finish: they may be needed by the time they are ready.
	 */
	private void retireOneAbove(int target) {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextRetirement) || this.instances.counts().ready() <= target) {
			return;
		}
		this.lease.fence()
			.ifPresent((fence) -> this.instances.records()
				.stream()
				.filter((instance) -> instance.state() == InstanceState.READY)
				.findFirst()
				.ifPresent((surplus) -> {
					if (this.teardown.end(surplus.id(), InstanceState.READY, InstanceState.RELEASED, fence)) {
						this.nextRetirement = now.plus(this.retirementSpacing);
						log.info("Instance {} retired: more ready shops than the adaptive target of {}", surplus.id(),
								target);
					}
				}));
	}

}
