package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.stereotype.Service;

/**
 * What the API asks of the pool. Acquire touches only Valkey (one script call):
 * containers and routes were made at warm-up, so handing out a shop costs one round trip.
 */
@Service
public class PoolManager {

	private final InstanceRepository instances;

	private final InstanceTeardown teardown;

	private final PoolMetrics metrics;

	private final PoolProperties pool;

	private final Clock clock;

	PoolManager(InstanceRepository instances, InstanceTeardown teardown, PoolMetrics metrics, PoolProperties pool,
			Clock clock) {
		this.instances = instances;
		this.teardown = teardown;
		this.metrics = metrics;
		this.pool = pool;
		this.clock = clock;
	}

	/**
	 * Hands out the oldest ready shop for POOL_DEFAULT_TTL.
	 * @throws PoolEmptyException when no shop is ready
	 */
	public Instance acquire() {
		long started = System.nanoTime();
		Instant now = this.clock.instant();
		Optional<Instance> acquired = this.instances.acquire(now, now.plus(this.pool.defaultTtl()));
		this.metrics.acquired(Duration.ofNanos(System.nanoTime() - started), acquired.isPresent());
		return acquired.orElseThrow(() -> new PoolEmptyException(this.pool.retryAfter()));
	}

	/**
	 * A shop that has been handed out (ready and warming shops are nobody's demo yet).
	 * @throws InstanceNotFoundException when there is none with this id
	 */
	public Instance find(InstanceId id) {
		return this.instances.find(id)
			.filter((instance) -> instance.state() != InstanceState.WARMING && instance.state() != InstanceState.READY)
			.orElseThrow(() -> new InstanceNotFoundException(id));
	}

	/**
	 * Ends an assigned shop now and destroys it.
	 * @throws InstanceNotFoundException when no assigned shop has this id
	 */
	public void release(InstanceId id) {
		Instance released = this.instances.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, this.clock.instant())
			.orElseThrow(() -> new InstanceNotFoundException(id));
		this.teardown.destroy(released);
	}

	public PoolStats stats() {
		PoolCounts counts = this.instances.counts();
		return new PoolStats(counts.ready(), counts.warming(), counts.assigned(), this.pool.targetSize());
	}

}
