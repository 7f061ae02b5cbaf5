package com.demomultiplexer.reconcile;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Counts and logs each repair, by kind.
 */
@Component
class ReconcileActions {

	private static final Logger log = LoggerFactory.getLogger(ReconcileActions.class);

	/** What was found out of place, and repaired. */
	enum Kind {

		/** A warm-up left by a process that died: failed and torn down. */
		ABANDONED_WARMUP,
		/**
		 * A ready or assigned shop whose container stopped or vanished: failed and torn
		 * down.
		 */
		DEAD_CONTAINER,
		/** A container of ours that no record owns: removed. */
		ORPHAN_CONTAINER,
		/** A route that no live shop owns: removed. */
		ORPHAN_ROUTE,
		/**
		 * A live shop without its route (Caddy restarted without --resume): route added
		 * again.
		 */
		MISSING_ROUTE,
		/** A port neither free nor held: freed. */
		LEAKED_PORT,
		/** A shop database or user that no record owns: dropped. */
		ORPHAN_DATABASE

	}

	private final MeterRegistry meters;

	ReconcileActions(MeterRegistry meters) {
		this.meters = meters;
	}

	void took(Kind kind, Object subject) {
		took(kind, subject, 1);
	}

	void took(Kind kind, Object subject, long times) {
		Counter.builder("demo.reconcile.actions")
			.description("Repairs made by the reconciler and the death watcher, by kind")
			.tag("kind", kind.name().toLowerCase(Locale.ROOT))
			.register(this.meters)
			.increment(times);
		if (kind == Kind.ORPHAN_CONTAINER) {
			Counter.builder("demo.releases")
				.description("Shops destroyed, by why: user, ttl, failed, orphan")
				.tag("reason", "orphan")
				.register(this.meters)
				.increment();
		}
		log.info("Repaired {}: {}", kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), subject);
	}

}
