package com.demomultiplexer.pool;

import java.util.OptionalInt;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PoolSizingProperties;
import com.demomultiplexer.store.PoolSettingsStore;
import com.demomultiplexer.store.SizingStore;

import org.springframework.stereotype.Component;

/**
 * What an operator can change while the service runs: the pool's target size (within
 * POOL_MIN_SIZE..POOL_MAX_SIZE) and whether the replenisher runs. Both are kept in
 * Valkey, so that they apply to every replica and outlive a restart; the target falls
 * back to POOL_TARGET_SIZE until an operator sets one, and again once they clear it.
 */
@Component
public class PoolControls {

	private final PoolProperties pool;

	private final PoolSettingsStore settings;

	private final PoolSizingProperties sizing;

	private final SizingStore sizingStore;

	public PoolControls(PoolProperties pool, PoolSettingsStore settings, PoolSizingProperties sizing,
			SizingStore sizingStore) {
		this.pool = pool;
		this.settings = settings;
		this.sizing = sizing;
		this.sizingStore = sizingStore;
	}

	/**
	 * The operator's target if one is set (it pins the adaptive target too); else, with
	 * POOL_TARGET_MODE=adaptive, the leader's latest decision; else POOL_TARGET_SIZE,
	 * which is also where adaptive sizing starts. A target set under an earlier
	 * configuration outlives a restart: it is held within the current
	 * POOL_MIN_SIZE..POOL_MAX_SIZE.
	 */
	public int target() {
		OptionalInt pinned = this.settings.target();
		int target = pinned.isPresent() ? pinned.getAsInt() : this.sizing.adaptive()
				? this.sizingStore.target().orElse(this.pool.targetSize()) : this.pool.targetSize();
		return Math.clamp(target, this.pool.minSize(), this.pool.maxSize());
	}

	/** Whether an operator set the target, which then holds in either mode. */
	public boolean pinned() {
		return this.settings.target().isPresent();
	}

	public boolean adaptive() {
		return this.sizing.adaptive();
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
		this.settings.setTarget(target);
	}

	/** Back to POOL_TARGET_SIZE. */
	public void clearTarget() {
		this.settings.clearTarget();
	}

	public boolean pausedByOperator() {
		return this.settings.paused();
	}

	public void pause() {
		this.settings.setPaused(true);
	}

	public void resume() {
		this.settings.setPaused(false);
	}

}
