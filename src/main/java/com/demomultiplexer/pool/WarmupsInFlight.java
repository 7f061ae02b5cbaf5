package com.demomultiplexer.pool;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.demomultiplexer.domain.InstanceEvent;
import com.demomultiplexer.domain.InstanceId;

import com.demomultiplexer.leadership.LeadershipChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The warm-ups this process is running, from before their record is written until their
 * warmer is done, so that each shop has exactly one owner for its teardown. Whoever ends
 * a shop while its warm-up runs (an operator's force-release or drain, the reaper, the
 * reconciler) must not destroy it then: the warmer may still be creating its database,
 * container or route, and the port would be freed while still bound. Instead the warm-up
 * is cancelled, and the warmer destroys the shop once it has stopped making things.
 * {@link #cancel} and {@link #finish} are atomic against each other, so exactly one of
 * the two sides destroys it.
 */
@Component
public class WarmupsInFlight {

	private final ConcurrentMap<InstanceId, Warmup> warmups = new ConcurrentHashMap<>();

	/** A warm-up of {@code id} begins: registered before its record is written. */
	void begin(InstanceId id) {
		this.warmups.put(id, new Warmup());
	}

	/**
	 * The calling thread now runs the warm-up of {@code id}; it is interrupted if the
	 * shop is ended (at once, when that happened already).
	 */
	void runOnThisThread(InstanceId id) {
		this.warmups.computeIfPresent(id, (key, warmup) -> warmup.runOn(Thread.currentThread()));
	}

	/**
	 * Cancels the warm-up of {@code id} and interrupts its thread, if it runs here; the
	 * warmer then destroys the shop. False when no warm-up of it runs here: the caller
	 * destroys it.
	 */
	boolean cancel(InstanceId id) {
		return this.warmups.computeIfPresent(id, (key, warmup) -> warmup.cancel()) != null;
	}

	/** Whether a warm-up of {@code id} runs here (so its warmer owns its teardown). */
	public boolean isRunning(InstanceId id) {
		return this.warmups.containsKey(id);
	}

	/**
	 * A replica that no longer leads may not finish its warm-ups (their records are the
	 * new leader's to end): each is cancelled, and its warmer removes what it made.
	 */
	@EventListener
	void onLeadershipChanged(LeadershipChanged change) {
		if (!change.leading()) {
			this.warmups.values().forEach(Warmup::cancel);
		}
	}

	/**
	 * A shop ended through another replica (an operator's force-release) while its
	 * warm-up runs here: that replica leaves its teardown to this warmer, which stops at
	 * its next step. Its own ends arrive here too, and cancel nothing new.
	 */
	@EventListener
	void onEnded(InstanceEvent.Ended ended) {
		cancel(ended.id());
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

		private Thread thread;

		private volatile boolean cancelled;

		private Warmup runOn(Thread thread) {
			this.thread = thread;
			if (this.cancelled) {
				thread.interrupt();
			}
			return this;
		}

		private Warmup cancel() {
			this.cancelled = true;
			if (this.thread != null) {
				this.thread.interrupt();
			}
			return this;
		}

	}

}
