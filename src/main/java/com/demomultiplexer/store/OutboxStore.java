package com.demomultiplexer.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outbox of lifecycle events in Valkey, as the relay sees it: the transition scripts
 * append to it (see {@link InstanceRepository}), and each configured sink (NATS, the
 * webhook) publishes it from its own position, so that one sink being down holds back
 * only itself. An event stays until every sink has published it.
 */
public interface OutboxStore {

	/** Up to {@code count} events {@code sink} has not published yet, oldest first. */
	List<OutboxEntry> unpublished(String sink, int count);

	/**
	 * {@code sink} has published every event up to and including {@code entry}; what
	 * every sink has published leaves the outbox.
	 */
	void published(String sink, OutboxEntry entry);

	/** Each sink's backlog, and events the bound dropped before every sink had them. */
	Counts counts();

	/**
	 * @param dropped events the outbox's bound dropped before every sink published them
	 * @param backlogs each configured sink's backlog, by sink name
	 */
	record Counts(long dropped, Map<String, Backlog> backlogs) {

		public Backlog backlog(String sink) {
			return this.backlogs.getOrDefault(sink, Backlog.NONE);
		}

	}

	/**
	 * @param pending events the sink has still to publish
	 * @param oldestWait how long the oldest of them has waited (zero when none)
	 */
	record Backlog(long pending, Duration oldestWait) {

		static final Backlog NONE = new Backlog(0, Duration.ZERO);

	}

}
