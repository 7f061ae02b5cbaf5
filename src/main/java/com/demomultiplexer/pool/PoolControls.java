package com.demomultiplexer.pool;

import java.util.concurrent.atomic.AtomicInteger;

import com.demomultiplexer.config.PoolProperties;

import org.springframework.stereotype.Component;

/**
 * What an operator can change while the service runs: the pool's target size (within
 * POOL_MIN_SIZE..POOL_MAX_SIZE) and whether the replenisher runs. Both start from the
 * configuration at every start.
 */
@Component
public class PoolControls {

	private final PoolProperties pool;

	private final AtomicInteger target;

	private volatile boolean pausedByOperator;

	PoolControls(PoolProperties pool) {
		this.pool = pool;
		this.target = new AtomicInteger(pool.targetSize());
	}

	public int target() {
		return this.target.get();
	}

	/**
	 * @throws IllegalArgumentException when the target is outside
	 * POOL_MIN_SIZE..POOL_MAX_SIZE
	 */
	public void setTarget(int target) {
		if (target < this.pool.minSize() || target > this.pool.maxSize()) {
			throw new IllegalArgumentException("The target must be between POOL_MIN_SIZE (" + this.pool.minSize()
					+ ") and POOL_MAX_SIZE (" + this.pool.maxSize() + ")");
		}
		this.target.set(target);
	}

	public boolean pausedByOperator() {
		return this.pausedByOperator;
	}

	public void pause() {
		this.pausedByOperator = true;
	}

	public void resume() {
		this.pausedByOperator = false;
	}

}
