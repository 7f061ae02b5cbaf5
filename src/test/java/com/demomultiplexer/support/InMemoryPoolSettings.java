package com.demomultiplexer.support;

import java.util.OptionalInt;

import com.demomultiplexer.store.PoolSettingsStore;

/** Operators' settings kept in memory, for unit tests. */
public final class InMemoryPoolSettings implements PoolSettingsStore {

	private volatile Integer target;

	private volatile boolean paused;

	@Override
	public OptionalInt target() {
		Integer current = this.target;
		return (current != null) ? OptionalInt.of(current) : OptionalInt.empty();
	}

	@Override
	public void setTarget(int target) {
		this.target = target;
	}

	@Override
	public void clearTarget() {
		this.target = null;
	}

	@Override
	public boolean paused() {
		return this.paused;
	}

	@Override
	public void setPaused(boolean paused) {
		this.paused = paused;
	}

}
