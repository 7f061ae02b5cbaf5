package com.demomultiplexer.store;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import com.demomultiplexer.sizing.ArrivalBuckets.Arrivals;
import com.demomultiplexer.sizing.PoolSizer.Decision;

/**
 * What adaptive sizing measures and decides, kept where every replica reads it: the
 * acquires counted by the acquire script, the typical warm-up time, and the leader's
 * latest decision, which a replica that takes over carries on from.
 */
public interface SizingStore {

	/** The arrivals counted for the long window; older ones are forgotten. */
	Arrivals arrivals();

	Optional<Duration> warmupTime();

	void saveWarmupTime(Duration typical);

	/** The latest decision's target. */
	OptionalInt target();

	Optional<Decision> decision();

	void save(Decision decision);

}
