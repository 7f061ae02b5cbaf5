package com.demomultiplexer.store;

import java.util.List;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;

import org.springframework.stereotype.Component;

/**
 * The outbox as a Valkey stream ({@code {deployment}:outbox}). Published events are
 * trimmed away rather than marked with a position, so the stream's first entry is where
 * the next relay starts, whichever replica it runs on, and the stream's bound
 * (EVENTS_OUTBOX_MAX_LENGTH) applies only to events still waiting.
 */
@Component
class ValkeyOutboxStore implements OutboxStore {

	private static final ValkeyScript RELAYED = ValkeyScript.load("relayed");

	private static final ValkeyScript COUNTS = ValkeyScript.load("outbox-counts");

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	ValkeyOutboxStore(ValkeyCalls valkey, ValkeyKeys keys) {
		this.valkey = valkey;
		this.keys = keys;
	}

	@Override
	public List<OutboxEntry> oldest(int count) {
		return this.valkey
			.call((commands) -> commands.xrange(this.keys.outbox(), Range.create("-", "+"), Limit.from(count)))
			.stream()
			.map((message) -> new OutboxEntry(message.getId(), message.getBody()))
			.toList();
	}

	@Override
	public void relayedUpTo(OutboxEntry entry) {
		this.valkey.run(RELAYED, ScriptOutputType.INTEGER,
				new String[] { this.keys.outbox(), this.keys.outboxRelayed() }, following(entry.entryId()));
	}

	@Override
	public Counts counts() {
		List<Long> counts = this.valkey.run(COUNTS, ScriptOutputType.MULTI,
				new String[] { this.keys.outbox(), this.keys.outboxRelayed() });
		return new Counts(counts.get(0), counts.get(1));
	}

	/** The smallest stream id after {@code id}: its sequence number plus one. */
	static String following(String id) {
		int dash = id.indexOf('-');
		return id.substring(0, dash) + "-" + (Long.parseLong(id.substring(dash + 1)) + 1);
	}

}
