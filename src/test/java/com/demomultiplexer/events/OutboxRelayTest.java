package com.demomultiplexer.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.OutboxEntry;
import com.demomultiplexer.store.OutboxStore;
import com.demomultiplexer.support.Leases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's rules, with an outbox and a publisher in memory: oldest first, an event
 * leaves the outbox only once acknowledged, and only the leader relays.
 */
class OutboxRelayTest {

	private final InMemoryOutbox outbox = new InMemoryOutbox();

	private final RecordingPublisher publisher = new RecordingPublisher();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void theLeaderPublishesEveryEventOldestFirstAndEmptiesTheOutbox() {
		this.outbox.append(250);

		relay(Leases.leading(new Fence("1 test"))).relay();

		assertThat(this.publisher.ids()).containsExactlyElementsOf(ids(0, 250));
		assertThat(this.outbox.entries).isEmpty();
		assertThat(this.meters.get("demo.events.published").counter().count()).isEqualTo(250);
		assertThat(this.meters.get("demo.events.pending").gauge().value()).isZero();
	}

	@Test
	void anEventNotAcknowledgedStaysWithEveryLaterOneAndGoesOutNextRound() {
		this.outbox.append(5);
		this.publisher.refuse.add("staging:3-0");
		OutboxRelay relay = relay(Leases.leading(new Fence("1 test")));

		relay.relay();

		assertThat(this.publisher.ids()).containsExactlyElementsOf(ids(0, 3));
		assertThat(this.outbox.ids()).containsExactlyElementsOf(List.of("3-0", "4-0"));
		assertThat(this.meters.get("demo.events.failed").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("demo.events.pending").gauge().value()).isEqualTo(2);

		this.publisher.refuse.clear();
		relay.relay();

		assertThat(this.publisher.ids()).containsExactlyElementsOf(ids(0, 5));
		assertThat(this.outbox.entries).isEmpty();
	}

	@Test
	void eventsPublishedButNotYetRemovedArePublishedAgainUnderTheSameIds() {
		this.outbox.append(3);
		this.outbox.failRemovals = true;
		OutboxRelay relay = relay(Leases.leading(new Fence("1 test")));

		relay.relay();
		this.outbox.failRemovals = false;
		relay.relay();

		assertThat(this.publisher.ids()).as("at least once: the same ids twice")
			.containsExactlyElementsOf(
					List.of("staging:0-0", "staging:1-0", "staging:2-0", "staging:0-0", "staging:1-0", "staging:2-0"));
		assertThat(this.outbox.entries).isEmpty();
	}

	@Test
	void aReplicaThatDoesNotLeadRelaysNothing() {
		this.outbox.append(3);

		relay(Leases.following()).relay();

		assertThat(this.publisher.ids()).isEmpty();
		assertThat(this.outbox.entries).hasSize(3);
	}

	private OutboxRelay relay(LeaderLease lease) {
		return new OutboxRelay(this.outbox, this.publisher, new CloudEvents("staging"), lease, this.meters);
	}

	private static List<String> ids(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "staging:" + i + "-0").toList();
	}

	/** The outbox as a list; removals can be made to fail, as a crash would. */
	private static final class InMemoryOutbox implements OutboxStore {

		private final List<OutboxEntry> entries = new ArrayList<>();

		private boolean failRemovals;

		void append(int count) {
			for (int i = 0; i < count; i++) {
				this.entries.add(new OutboxEntry(i + "-0", Map.of("type", "ready", "instance", "i" + i, "time", "1")));
			}
		}

		List<String> ids() {
			return this.entries.stream().map(OutboxEntry::entryId).toList();
		}

		@Override
		public List<OutboxEntry> oldest(int count) {
			return List.copyOf(this.entries.subList(0, Math.min(count, this.entries.size())));
		}

		@Override
		public void relayedUpTo(OutboxEntry entry) {
			if (this.failRemovals) {
				throw new IllegalStateException("Valkey went away");
			}
			this.entries.subList(0, this.entries.indexOf(entry) + 1).clear();
		}

		@Override
		public Counts counts() {
			return new Counts(this.entries.size(), 0);
		}

	}

	/** Acknowledges every event but those it is told to refuse. */
	private static final class RecordingPublisher implements EventPublisher {

		private final List<CloudEvent> published = new ArrayList<>();

		private final Set<String> refuse = new HashSet<>();

		@Override
		public void publish(CloudEvent event) {
			if (this.refuse.contains(event.id())) {
				throw new EventPublishException("refused " + event.id(), null);
			}
			this.published.add(event);
		}

		List<String> ids() {
			return this.published.stream().map(CloudEvent::id).toList();
		}

	}

}
