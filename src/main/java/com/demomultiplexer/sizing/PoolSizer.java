package com.demomultiplexer.sizing;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides the adaptive target, round after round: enough ready shops that an arrival
 * finds the pool empty with a chance of at most POOL_EMPTY_RISK ({@link EmptyPoolRisk}),
 * given the measured demand and the time a taken shop takes to be replaced (its warm-up,
 * plus the wait for the next replenisher round), held within
 * POOL_MIN_SIZE..POOL_MAX_SIZE. The target rises at once; it falls by at most
 * POOL_SHRINK_PER_MINUTE shops a minute, so that a short lull does not throw away shops
 * the next arrivals need, and the shops retired for it go at that pace.
 */
public final class PoolSizer {

	private final SizingRules rules;

	private int target;

	/** When the target last rose or fell: the shrink allowance counts from there. */
	private Instant lastMove;

	public PoolSizer(SizingRules rules, int initialTarget, Instant now) {
		this.rules = rules;
		this.target = Math.clamp(initialTarget, rules.minSize(), rules.maxSize());
		this.lastMove = now;
	}

	public synchronized Decision decide(Demand demand, Duration warmupTime, Instant now) {
		double rate = demand.arrivalsPerSecond();
		Duration refill = warmupTime.plus(this.rules.replenishInterval());
		int wanted = Math.clamp(EmptyPoolRisk.targetFor(rate, refill, this.rules.emptyRisk(), this.rules.maxSize()),
				this.rules.minSize(), this.rules.maxSize());
		if (wanted >= this.target) {
			if (wanted > this.target) {
				this.target = wanted;
			}
			this.lastMove = now;
		}
		else {
			long allowed = (long) (Duration.between(this.lastMove, now).toNanos() / 60e9
					* this.rules.shrinkPerMinute());
			if (allowed >= 1) {
				this.target = (int) Math.max(wanted, this.target - allowed);
				this.lastMove = now;
			}
		}
		return new Decision(this.target, wanted, demand, refill, EmptyPoolRisk.of(this.target, rate, refill));
	}

	/**
	 * Why the target is what it is.
	 *
	 * @param target the target now
	 * @param wanted what the risk bound asks for now; the target follows it down only at
	 * the shrink rate
	 * @param demand the arrivals it was computed from
	 * @param refillTime the measured warm-up plus one replenisher interval
	 * @param emptyRisk the chance that an arrival finds the pool empty at the target
	 */
	public record Decision(int target, int wanted, Demand demand, Duration refillTime, double emptyRisk) {
	}

}
