package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.RateLimitProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.store.AcquireRequest;
import com.demomultiplexer.store.AcquireRequest.ClientLimits;
import com.demomultiplexer.store.AcquireResult;
import com.demomultiplexer.store.ExtendResult;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.store.StoreUnavailableException;

import org.springframework.stereotype.Service;

/**
 * What the API asks of the pool. Acquire touches only Valkey (one script call):
 * containers and routes were made at warm-up, so handing out a shop costs one round trip.
 * Everything done to a handed-out shop needs its owner token.
 */
@Service
public class PoolManager {

	private final InstanceRepository instances;

	private final InstanceTeardown teardown;

	private final ReadyWaiters waiters;

	private final RetryAfterEstimator retryAfter;

	private final PoolMetrics metrics;

	private final PoolControls controls;

	private final PoolProperties pool;

	private final ClientLimits limits;

	private final Clock clock;

	PoolManager(InstanceRepository instances, InstanceTeardown teardown, ReadyWaiters waiters,
			RetryAfterEstimator retryAfter, PoolMetrics metrics, PoolControls controls, PoolProperties pool,
			RateLimitProperties rateLimits, Clock clock) {
		this.instances = instances;
		this.teardown = teardown;
		this.waiters = waiters;
		this.retryAfter = retryAfter;
		this.metrics = metrics;
		this.controls = controls;
		this.pool = pool;
		this.limits = new ClientLimits(rateLimits.hourly(), rateLimits.daily(), rateLimits.live());
		this.clock = clock;
	}

	/**
	 * Hands the oldest ready shop to {@code client} for POOL_DEFAULT_TTL, waiting up to
	 * {@code wait} (at most POOL_MAX_WAIT) for one when the pool is empty.
	 * @throws RateLimitedException when the client is over a limit
	 * @throws PoolEmptyException when no shop became ready in time
	 */
	public Grant acquire(String client, Duration wait) throws InterruptedException {
		OwnerTokens.Issued token = OwnerTokens.issue();
		AcquireResult result = attempt(client, token, true);
		if (result instanceof AcquireResult.Empty && wait.isPositive()) {
			result = this.waiters
				.await(wait,
						() -> Optional.of(attempt(client, token, false))
							.filter((next) -> !(next instanceof AcquireResult.Empty)))
				.orElse(result);
		}
		return switch (result) {
			case AcquireResult.Granted granted ->
				new Grant(granted.instance(), token.token(), this.limits, granted.usage());
			case AcquireResult.Limited limited ->
				throw new RateLimitedException(limited.limit(), limited.retryAfter(), this.limits, limited.usage());
			case AcquireResult.Empty empty ->
				throw new PoolEmptyException(this.retryAfter.nextReadyIn(empty.oldestWarmupStart()));
		};
	}

	private AcquireResult attempt(String client, OwnerTokens.Issued token, boolean arrival) {
		long started = System.nanoTime();
		Instant now = this.clock.instant();
		try {
			AcquireResult result = this.instances.acquire(new AcquireRequest(client, token.hash(), now,
					now.plus(this.pool.defaultTtl()), this.limits, arrival));
			this.metrics.acquired(Duration.ofNanos(System.nanoTime() - started), outcomeOf(result));
			return result;
		}
		catch (StoreUnavailableException ex) {
			this.metrics.acquired(Duration.ofNanos(System.nanoTime() - started), "error");
			throw ex;
		}
	}

	private static String outcomeOf(AcquireResult result) {
		return switch (result) {
			case AcquireResult.Granted granted -> "hit";
			case AcquireResult.Limited limited -> "rate_limited";
			case AcquireResult.Empty empty -> "empty";
		};
	}

	/**
	 * A demo its owner asks about: assigned, or ended and not yet cleaned up.
	 * @throws InstanceNotFoundException when no demo matches the id and token
	 */
	public Instance find(InstanceId id, String token) {
		return this.instances.find(id)
			.filter((instance) -> instance.owner() != null && OwnerTokens.matches(token, instance.owner().tokenHash()))
			.orElseThrow(InstanceNotFoundException::new);
	}

	/**
	 * Moves the demo's expiry {@code extension} later.
	 * @throws InstanceNotFoundException when no demo matches the id and token
	 * @throws DemoEndedException when the demo is over
	 * @throws ExtensionRefusedException when that would pass POOL_MAX_TTL or
	 * POOL_MAX_EXTENSIONS
	 */
	public Instance extend(InstanceId id, String token, Duration extension) {
		find(id, token);
		ExtendResult result = this.instances.extend(id, extension, this.pool.maxTtl(), this.pool.maxExtensions(),
				this.clock.instant());
		return switch (result) {
			case ExtendResult.Extended extended -> {
				this.metrics.extended();
				yield extended.instance();
			}
			case ExtendResult.Ended ended -> throw new DemoEndedException(ended.state());
			case ExtendResult.NoExtensionsLeft none ->
				throw ExtensionRefusedException.noExtensionsLeft(none.expiresAt(), this.pool.maxExtensions());
			case ExtendResult.OverCap over ->
				throw ExtensionRefusedException.overCap(over.expiresAt(), over.maxExpiresAt());
		};
	}

	/**
	 * Ends the demo now and destroys it.
	 * @throws InstanceNotFoundException when no assigned demo matches the id and token
	 */
	public void release(InstanceId id, String token) {
		find(id, token);
		if (!this.teardown.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, Fence.NONE)) {
			throw new InstanceNotFoundException();
		}
	}

	/**
	 * When a demo acquired at {@code assignedAt} must end at the latest, extensions
	 * included.
	 */
	public Instant maxExpiresAt(Instance instance) {
		return instance.assignedAt().plus(this.pool.maxTtl());
	}

	public int extensionsLeft(Instance instance) {
		return Math.max(0, this.pool.maxExtensions() - instance.extensions());
	}

	public PoolStats stats() {
		PoolCounts counts = this.instances.counts();
		return new PoolStats(counts.ready(), counts.warming(), counts.assigned(), this.controls.target());
	}

}
