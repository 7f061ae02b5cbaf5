package com.demomultiplexer.support;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.demomultiplexer.sizing.ArrivalBuckets.Arrivals;
import com.demomultiplexer.sizing.PoolSizer.Decision;
import com.demomultiplexer.store.SizingStore;

/** Adaptive sizing's state kept in memory, for unit tests; no arrivals counted. */
public final class InMemorySizingStore implements SizingStore {

	private volatile Duration warmupTime;

	private volatile Decision decision;

	@Override
	public Arrivals arrivals() {
		return new Arrivals(0, Map.of());
	}

	@Override
	public Optional<Duration> warmupTime() {
		return Optional.ofNullable(this.warmupTime);
	}

	@Override
	public void saveWarmupTime(Duration typical) {
		this.warmupTime = typical;
	}

	@Override
	public OptionalInt target() {
		Decision current = this.decision;
		return (current != null) ? OptionalInt.of(current.target()) : OptionalInt.empty();
	}

	@Override
	public Optional<Decision> decision() {
		return Optional.ofNullable(this.decision);
	}

	@Override
	public void save(Decision decision) {
		this.decision = decision;
	}

}
