package com.demomultiplexer.domain;

/**
 * How many shops are in each live state, read in one atomic snapshot.
 *
 * @param ready booted and waiting in the pool
 * @param warming booting
 * @param assigned handed to a prospect
 * @param ending being torn down (their containers may still exist)
 */
public record PoolCounts(long ready, long warming, long assigned, long ending) {

	/** Shops that hold a container, which is what POOL_MAX_SIZE bounds. */
	public long alive() {
		return this.ready + this.warming + this.assigned + this.ending;
	}

}
