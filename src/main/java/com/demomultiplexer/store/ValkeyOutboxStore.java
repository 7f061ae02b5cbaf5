package com.demomultiplexer.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;

import com.demomultiplexer.config.EventsProperties;

import org.springframework.stereotype.Component;

/**
 * The outbox as a Valkey stream ({@code {deployment}:outbox}) with one cursor per sink
 * ({@code {deployment}:outbox:cursor:<sink>}, the id of the last event it published).
 * Events every sink has published are trimmed away, so the stream's bound
 * (EVENTS_OUTBOX_MAX_LENGTH) applies only to events still waiting, and any replica that
 * leads next starts each sink just after its cursor.
 */
@Component
class ValkeyOutboxStore implements OutboxStore {

	private static final ValkeyScript PUBLISHED = ValkeyScript.load("relayed");

	private static final ValkeyScript COUNTS = ValkeyScript.load("outbox-counts");

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	private final List<String> sinks;

	ValkeyOutboxStore(ValkeyCalls valkey, ValkeyKeys keys, EventsProperties events) {
		this.valkey = valkey;
		this.keys = keys;
		this.sinks = events.sinks();
	}

	@Override
	public List<OutboxEntry> unpublished(String sink, int count) {
		String cursor = this.valkey.call((commands) -> commands.get(this.keys.outboxCursor(sink)));
		Range<String> after = (cursor != null)
				? Range.from(Range.Boundary.excluding(cursor), Range.Boundary.unbounded()) : Range.unbounded();
		return this.valkey.call((commands) -> commands.xrange(this.keys.outbox(), after, Limit.from(count)))
			.stream()
			.map((message) -> new OutboxEntry(message.getId(), message.getBody()))
			.toList();
	}

	@Override
	public void published(String sink, OutboxEntry entry) {
		List<String> keys = new ArrayList<>(
				List.of(this.keys.outbox(), this.keys.outboxRelayed(), this.keys.outboxCursor(sink)));
		this.sinks.forEach((each) -> keys.add(this.keys.outboxCursor(each)));
		this.valkey.run(PUBLISHED, ScriptOutputType.INTEGER, keys.toArray(String[]::new), entry.entryId());
	}

	@Override
	public Counts counts() {
		List<String> keys = new ArrayList<>(List.of(this.keys.outbox(), this.keys.outboxRelayed()));
		this.sinks.forEach((sink) -> keys.add(this.keys.outboxCursor(sink)));
		List<Long> counts = this.valkey.run(COUNTS, ScriptOutputType.MULTI, keys.toArray(String[]::new));
		Map<String, Backlog> backlogs = new LinkedHashMap<>();
		for (int i = 0; i < this.sinks.size(); i++) {
			backlogs.put(this.sinks.get(i),
					new Backlog(counts.get(1 + 2 * i), Duration.ofMillis(counts.get(2 + 2 * i))));
		}
		return new Counts(counts.get(0), backlogs);
	}

}
