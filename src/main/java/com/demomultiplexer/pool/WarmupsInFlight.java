package com.demomultiplexer.pool;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.stereotype.Component;

/**
 * The warm-ups this process is running, so that each shop has exactly one owner for its
 * teardown. Whoever ends a shop while its warm-up still runs (an operator's force-release
 * or drain, the reaper, the reconciler) must not destroy it then: the warmer may still be
 * creating its database, container or route, and the port would be freed while still
 * bound. Instead the warm-up is cancelled, and the warmer destroys the shop once it has
 * stopped making things. {@link #cancel} and {@link #finish} are atomic against each
 * other, so exactly one of the two sides destroys it.
 */
@Component
class WarmupsInFlight {

	private final ConcurrentMap<InstanceId, Warmup> warmups = new ConcurrentHashMap<>();

	/** The calling thread starts warming {@code id}. */
	void begin(InstanceId id) {
		this.warmups.put(id, new Warmup(Thread.currentThread()));
	}

	/**
	 * Cancels the warm-up of {@code id} and interrupts its thread, if it runs here; the
	 * warmer then destroys the shop. False when no warm-up of it runs here: the caller
	 * destroys it.
	 */
	boolean cancel(InstanceId id) {
		return this.warmups.computeIfPresent(id, (key, warmup) -> warmup.cancelled()) != null;
	}

	/** Whether someone ended the shop while it was warming. */
	boolean isCancelled(InstanceId id) {
		Warmup warmup = this.warmups.get(id);
		return warmup != null && warmup.cancelled;
	}

	/**
	 * The warm-up of {@code id} is over; true when it was cancelled, and so the warmer
	 * must destroy the shop.
	 */
	boolean finish(InstanceId id) {
		Warmup warmup = this.warmups.remove(id);
		return warmup != null && warmup.cancelled;
	}

	private static final class Warmup {

		private final Thread thread;

		private volatile boolean cancelled;

		private Warmup(Thread thread) {
			this.thread = thread;
		}

		private Warmup cancelled() {
			this.cancelled = true;
			this.thread.interrupt();
			return this;
		}

	}

}
