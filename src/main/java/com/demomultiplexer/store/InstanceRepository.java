package com.demomultiplexer.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;

/**
 * Every shop's record and the pool's sets. Each method is atomic.
 */
public interface InstanceRepository {

	/**
	 * Makes the free ports those of first..last that no recorded shop holds: rebuilt for
	 * a new range, otherwise completed with any port that was lost.
	 */
	void seedPorts(int first, int last);

	/**
	 * Records a new warming shop on a free port; empty when no port is free.
	 * @throws FencedException when {@code fence} is not the leader's
	 */
	Optional<Integer> reserve(InstanceId id, Instant now, BackOfficeLogin backOffice, Fence fence);

	/**
	 * Moves a warming shop into the pool; false if it was ended meanwhile.
	 * @throws FencedException when {@code fence} (the one it was reserved with) is not
	 * the leader's
	 */
	boolean markReady(InstanceId id, Instant now, Fence fence);

	/**
	 * Pops the oldest ready shop and assigns it to the client, if the client is within
	 * its limits.
	 */
	AcquireResult acquire(AcquireRequest request);

	/**
	 * Moves an assigned shop's expiry {@code extension} later, unless that takes its
	 * lifetime from acquire past {@code maxLifetime} or its owner already extended it
	 * {@code maxExtensions} times.
	 */
	ExtendResult extend(InstanceId id, Duration extension, Duration maxLifetime, int maxExtensions, Instant now);

	Optional<Instance> find(InstanceId id);

	/**
	 * Marks a live shop as ending, if it is in state {@code current} (any live state when
	 * null). Exactly one caller gets the record back and must tear the shop down; an
	 * expiry only happens once the shop's expiry has passed.
	 * @throws FencedException when {@code fence} is neither {@link Fence#NONE} nor the
	 * leader's
	 */
	Optional<Instance> end(InstanceId id, InstanceState current, InstanceState ending, Instant now, Fence fence);

	/**
	 * Drops an ending shop's record and frees its port, once its container and route are
	 * gone.
	 */
	void forget(InstanceId id);

	List<InstanceId> assignedExpiredBy(Instant now);

	List<InstanceId> warmingSince(Instant cutoff);

	List<InstanceId> endingSince(Instant cutoff);

	PoolCounts counts();

	/** Every recorded shop: ready, warming, assigned or ending; oldest first. */
	List<Instance> records();

	/**
	 * As {@link #seedPorts}, and says how many lost ports it freed (none when it rebuilt
	 * the set).
	 */
	long reclaimPorts(int first, int last);

}
