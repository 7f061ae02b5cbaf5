package com.demomultiplexer.store;

import java.util.List;

/**
 * The outbox of lifecycle events in Valkey, as the relay sees it. It holds exactly the
 * events not yet published, oldest first; the transition scripts append to it (see
 * {@link InstanceRepository}).
 */
public interface OutboxStore {

	/** Up to {@code count} of the oldest events not yet published, oldest first. */
	List<OutboxEntry> oldest(int count);

	/** Removes every event up to and including {@code entry}: it was published. */
	void relayedUpTo(OutboxEntry entry);

	/** Events waiting, and events the bound dropped before they were published. */
	Counts counts();

	record Counts(long pending, long dropped) {
	}

}
