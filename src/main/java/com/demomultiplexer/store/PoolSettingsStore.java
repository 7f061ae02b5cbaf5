package com.demomultiplexer.store;

import java.util.OptionalInt;

/**
 * What operators change at run time, kept where every replica reads it, and kept across
 * restarts.
 */
public interface PoolSettingsStore {

	/** The target an operator set; empty when none is (the configuration's applies). */
	OptionalInt target();

	void setTarget(int target);

	/** Forgets the operator's target, so that the configuration's applies again. */
	void clearTarget();

	boolean paused();

	void setPaused(boolean paused);

}
