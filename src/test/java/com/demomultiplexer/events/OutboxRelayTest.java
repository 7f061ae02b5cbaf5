package com.demomultiplexer.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.OutboxEntry;
import com.demomultiplexer.store.OutboxStore;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.SteppingClock;
import com.demomultiplexer.system.ExponentialBackoff;

import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's rules, with an outbox and sinks in memory: oldest first, an event counts as
 * published only once acknowledged, each sink from its own position, a refusing sink
 * backs off by the clock without holding back the other, and only the leader relays.
 */
class OutboxRelayTest {

	private static final Duration INTERVAL = Duration.ofMillis(500);

	private final InMemoryOutbox outbox = new InMemoryOutbox(List.of("nats", "webhook"));

	private final RecordingPublisher nats = new RecordingPublisher();

	private final RecordingPublisher webhook = new RecordingPublisher();

	private final SteppingClock clock = new SteppingClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void theLeaderPublishesEveryEventOldestFirstToEverySinkAndEmptiesTheOutbox() {
		this.outbox.append(250);

		relay(Leases.leading(new Fence("1 test"))).run();

		assertThat(this.nats.ids()).containsExactlyElementsOf(ids(0, 250));
		assertThat(this.webhook.ids()).containsExactlyElementsOf(ids(0, 250));
		assertThat(this.outbox.entries).isEmpty();
		assertThat(this.meters.get("demo.events.published").tag("sink", "webhook").counter().count()).isEqualTo(250);
		assertThat(this.meters.get("demo.events.pending").tag("sink", "nats").gauge().value()).isZero();
	}

	@Test
	void anEventNotAcknowledgedStaysWithEveryLaterOneAndGoesOutNextRound() {
		this.outbox.append(5);
		this.webhook.refuse.add("staging:3-0");
		Runnable relay = relay(Leases.leading(new Fence("1 test")));

		relay.run();

		assertThat(this.webhook.ids()).containsExactlyElementsOf(ids(0, 3));
		assertThat(this.nats.ids()).as("the other sink is not held back").containsExactlyElementsOf(ids(0, 5));
		assertThat(this.outbox.ids()).as("kept until every sink has them").containsExactly("3-0", "4-0");
		assertThat(this.meters.get("demo.events.failed").tag("sink", "webhook").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("demo.events.pending").tag("sink", "webhook").gauge().value()).isEqualTo(2);
		assertThat(this.meters.get("demo.events.pending").tag("sink", "nats").gauge().value()).isZero();

		this.webhook.refuse.clear();
		this.clock.advance(INTERVAL);
		relay.run();

		assertThat(this.webhook.ids()).containsExactlyElementsOf(ids(0, 5));
		assertThat(this.outbox.entries).isEmpty();
	}

	@Test
	void aRefusingSinkWaitsTwiceAsLongAfterEachFailureUpToTheMaximumThenResetsOnSuccess() {
		this.outbox.append(1);
		this.webhook.refuseAll = true;
		Runnable relay = relay(Leases.leading(new Fence("1 test")));
		relay.run();
		List<Duration> pauses = new ArrayList<>();

		for (int failures = 1; failures <= 6; failures++) {
			pauses.add(pauseBeforeNextAttempt(relay));
		}

		assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
		assertThat(this.nats.ids()).as("the other sink went on").containsExactly("staging:0-0");

		this.webhook.refuseAll = false;
		pauseBeforeNextAttempt(relay);
		this.outbox.append(1);
		relay.run();
		assertThat(this.webhook.ids()).as("after a success, the next event goes out at the next round")
			.containsExactly("staging:0-0", "staging:1-0");
	}

	@Test
	void aSinkThatAcknowledgesSomeEventsBeforeRefusingOneStartsItsBackoffAfresh() {
		this.outbox.append(5);
		Runnable relay = relay(Leases.leading(new Fence("1 test")));
		List<Duration> pauses = new ArrayList<>();

		// Each round the webhook takes the event it refused last, then refuses the next.
		for (int refused = 1; refused <= 3; refused++) {
			this.webhook.refuse.clear();
			this.webhook.refuse.add("staging:" + refused + "-0");
			pauses.add(pauseBeforeNextAttempt(relay));
		}

		assertThat(pauses).as("each failure follows an acknowledgement: the first pause each time")
			.containsExactly(Duration.ZERO, INTERVAL, INTERVAL);
	}

	@Test
	void eventsPublishedButNotYetRecordedArePublishedAgainUnderTheSameIds() {
		this.outbox.append(3);
		this.outbox.failRecords = true;
		Runnable relay = relay(Leases.leading(new Fence("1 test")));

		relay.run();
		this.outbox.failRecords = false;
		relay.run();

		assertThat(this.nats.ids()).as("at least once: the same ids twice")
			.containsExactlyElementsOf(
					List.of("staging:0-0", "staging:1-0", "staging:2-0", "staging:0-0", "staging:1-0", "staging:2-0"));
		assertThat(this.outbox.entries).isEmpty();
	}

	@Test
	void anEntryThatIsNoEventIsPassedOverAndTheNextOnesGoOut() {
		this.outbox.append(1);
		this.outbox.appendMalformed();
		this.outbox.append(1);

		relay(Leases.leading(new Fence("1 test"))).run();

		assertThat(this.nats.ids()).containsExactly("staging:0-0", "staging:2-0");
		assertThat(this.outbox.entries).isEmpty();
	}

	@Test
	void aSinkThatHangsHoldsBackOnlyItself() throws Exception {
		this.outbox.append(3);
		this.webhook.hold = new CountDownLatch(1);
		List<Runnable> tasks = tasks(Leases.leading(new Fence("1 test")));
		assertThat(tasks).as("a task per sink").hasSize(2);

		Thread webhookTask = Thread.ofVirtual().start(tasks.get(1));
		assertThat(this.webhook.holding.await(10, TimeUnit.SECONDS)).as("the webhook hangs").isTrue();
		tasks.get(0).run();
		assertThat(this.nats.ids()).as("NATS, meanwhile").containsExactlyElementsOf(ids(0, 3));

		this.webhook.hold.countDown();
		webhookTask.join(Duration.ofSeconds(10));
		assertThat(this.webhook.ids()).containsExactlyElementsOf(ids(0, 3));
		assertThat(this.outbox.entries).isEmpty();
	}

	@Test
	void aReplicaThatDoesNotLeadRelaysNothing() {
		this.outbox.append(3);

		relay(Leases.following()).run();

		assertThat(this.nats.ids()).isEmpty();
		assertThat(this.webhook.ids()).isEmpty();
		assertThat(this.outbox.entries).hasSize(3);
	}

	/**
	 * Runs the relay while stepping the clock by 100 ms until it tries the webhook again,
	 * and returns how long that took.
	 */
	private Duration pauseBeforeNextAttempt(Runnable relay) {
		int before = this.webhook.attempts;
		Duration waited = Duration.ZERO;
		relay.run();
		while (this.webhook.attempts == before) {
			this.clock.advance(Duration.ofMillis(100));
			waited = waited.plusMillis(100);
			relay.run();
		}
		return waited;
	}

	/** One round of the relay: each sink's task, NATS's first. */
	private Runnable relay(LeaderLease lease) {
		List<Runnable> tasks = tasks(lease);
		return () -> tasks.forEach(Runnable::run);
	}

	/** The tasks the relay has scheduled, one per sink, every EVENTS_RELAY_INTERVAL. */
	private List<Runnable> tasks(LeaderLease lease) {
		CloudEvents format = new CloudEvents("staging");
		ExponentialBackoff backoff = new ExponentialBackoff(INTERVAL, Duration.ofSeconds(5));
		new OutboxGauges(this.outbox, List.of("nats", "webhook"), this.clock, this.meters);
		OutboxRelay relay = new OutboxRelay(
				List.of(new SinkRelay("nats", this.nats, this.outbox, format, backoff, this.clock, this.meters),
						new SinkRelay("webhook", this.webhook, this.outbox, format, backoff, this.clock, this.meters)),
				lease, INTERVAL);
		ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
		relay.configureTasks(registrar);
		assertThat(registrar.getFixedDelayTaskList())
			.allSatisfy((task) -> assertThat(task.getIntervalDuration()).isEqualTo(INTERVAL));
		return registrar.getFixedDelayTaskList().stream().map(IntervalTask::getRunnable).toList();
	}

	private static List<String> ids(int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> "staging:" + i + "-0").toList();
	}

	/**
	 * The outbox as a list with a position per sink; recording a position can be made to
	 * fail, as a crash would.
	 */
	private static final class InMemoryOutbox implements OutboxStore {

		private final List<OutboxEntry> entries = new ArrayList<>();

		private final Map<String, Integer> published = new HashMap<>();

		private final List<String> sinks;

		private int next;

		private boolean failRecords;

		InMemoryOutbox(List<String> sinks) {
			this.sinks = sinks;
		}

		void append(int count) {
			for (int i = 0; i < count; i++) {
				int n = this.next++;
				this.entries.add(new OutboxEntry(n + "-0", Map.of("type", "ready", "instance", "i" + n, "time", "1")));
			}
		}

		/** An entry whose time is no number, as no script of this version writes. */
		void appendMalformed() {
			int n = this.next++;
			this.entries.add(new OutboxEntry(n + "-0", Map.of("type", "ready", "instance", "i" + n, "time", "soon")));
		}

		List<String> ids() {
			return this.entries.stream().map(OutboxEntry::entryId).toList();
		}

		@Override
		public List<OutboxEntry> unpublished(String sink, int count) {
			int after = this.published.getOrDefault(sink, -1);
			return this.entries.stream().filter((entry) -> number(entry) > after).limit(count).toList();
		}

		@Override
		public void published(String sink, OutboxEntry entry) {
			if (this.failRecords) {
				throw new IllegalStateException("Valkey went away");
			}
			this.published.put(sink, number(entry));
			int slowest = this.sinks.stream()
				.mapToInt((each) -> this.published.getOrDefault(each, -1))
				.min()
				.orElse(-1);
			this.entries.removeIf((each) -> number(each) <= slowest);
		}

		@Override
		public Counts counts() {
			Map<String, Backlog> backlogs = new HashMap<>();
			this.sinks.forEach((sink) -> backlogs.put(sink,
					new Backlog(unpublished(sink, Integer.MAX_VALUE).size(), Duration.ZERO)));
			return new Counts(0, backlogs);
		}

		private static int number(OutboxEntry entry) {
			return Integer.parseInt(entry.entryId().substring(0, entry.entryId().indexOf('-')));
		}

	}

	/** Acknowledges every event but those it is told to refuse. */
	private static final class RecordingPublisher implements EventPublisher {

		private final List<CloudEvent> published = new ArrayList<>();

		private final Set<String> refuse = new HashSet<>();

		private boolean refuseAll;

		private int attempts;

		/** When set, the first event waits for it, as a receiver that does not answer. */
		private CountDownLatch hold;

		private final CountDownLatch holding = new CountDownLatch(1);

		@Override
		public void publish(CloudEvent event) {
			this.attempts++;
			if (this.hold != null) {
				this.holding.countDown();
				awaitRelease();
			}
			if (this.refuseAll || this.refuse.contains(event.id())) {
				throw new EventPublishException("refused " + event.id(), null);
			}
			this.published.add(event);
		}

		List<String> ids() {
			return this.published.stream().map(CloudEvent::id).toList();
		}

		private void awaitRelease() {
			try {
				this.hold.await();
				this.hold = null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new EventPublishException("interrupted", ex);
			}
		}

	}

}
