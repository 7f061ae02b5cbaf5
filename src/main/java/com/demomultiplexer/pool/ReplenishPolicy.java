package com.demomultiplexer.pool;

import com.demomultiplexer.domain.PoolCounts;

/**
 * How many warm-ups to start now: enough to bring ready plus warming shops up to the
 * target, never more containers alive than the maximum, never more warm-ups than there
 * are idle slots.
 */
final class ReplenishPolicy {

	private ReplenishPolicy() {
	}

	static int instancesToStart(PoolCounts counts, int targetSize, int maxSize, int idleWarmupSlots) {
		long missing = targetSize - (counts.ready() + counts.warming());
		long room = maxSize - counts.alive();
		return (int) Math.max(0, Math.min(Math.min(missing, room), idleWarmupSlots));
	}

}
