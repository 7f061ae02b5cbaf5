package com.demomultiplexer.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The transition scripts append each shop's events to the outbox in the step that makes
 * the change, and nothing at all while events are off; each sink publishes from its own
 * position, events every sink published leave it, and what its bound drops is counted.
 * Against the host's Valkey, under deployments of the test's own.
 */
class ValkeyOutboxIT {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private static final AcquireRequest.ClientLimits LIMITS = new AcquireRequest.ClientLimits(10, 10, 10);

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final String deployment = "outbox-" + InstanceId.random().value().substring(0, 8);

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create("redis://127.0.0.1:6379");
		this.connection = this.client.connect();
	}

	@AfterEach
	void dropKeysAndDisconnect() {
		List<String> ours = this.connection.sync().keys("\\{" + this.deployment + "*");
		if (!ours.isEmpty()) {
			this.connection.sync().del(ours.toArray(String[]::new));
		}
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void aShopsLifeIsInTheOutboxInOrderNamingTheClientOnlyByItsHash() {
		ValkeyKeys keys = ValkeyKeys.forDeployment(this.deployment + "-on");
		InstanceRepository repository = repository(keys, Settings.events("nats://127.0.0.1:4222"));

		InstanceId id = liveAndRelease(repository, keys, "203.0.113.7");

		List<StreamMessage<String, String>> outbox = this.connection.sync()
			.xrange(keys.outbox(), Range.create("-", "+"));
		assertThat(outbox).extracting((message) -> message.getBody().get("type"))
			.containsExactly("warming", "ready", "assigned", "extended", "released");
		assertThat(outbox).allSatisfy((message) -> assertThat(message.getBody()).contains(entry("instance", id.value()),
				entry("time", String.valueOf(this.now.toEpochMilli()))));
		assertThat(outbox.get(2).getBody()).containsOnlyKeys("type", "instance", "time", "expiresAt", "clientHash")
			.contains(entry("expiresAt", String.valueOf(this.now.plus(Duration.ofMinutes(30)).toEpochMilli())),
					entry("clientHash", Sha256.hex("203.0.113.7")));
		assertThat(outbox.get(3).getBody()).contains(
				entry("expiresAt", String.valueOf(this.now.plus(Duration.ofMinutes(35)).toEpochMilli())),
				entry("extensions", "1"));
		assertThat(outbox.get(4).getBody()).contains(entry("previousState", "assigned"));
		assertThat(outbox).as("neither the address nor the owner token's hash is in any event")
			.allSatisfy((message) -> assertThat(message.getBody().values()).doesNotContain("203.0.113.7",
					"owner-token-hash"));
	}

	@Test
	void aWarmUpThatFailsEndsWithFailed() {
		ValkeyKeys keys = ValkeyKeys.forDeployment(this.deployment + "-failed");
		InstanceRepository repository = repository(keys, Settings.events("nats://127.0.0.1:4222"));
		Fence fence = ValkeyInstanceRepositoryIT.leaderFence(this.connection, keys);
		repository.seedPorts(30000, 30001);
		InstanceId id = InstanceId.random();
		repository.reserve(id, this.now, LOGIN, fence).orElseThrow();

		repository.end(id, InstanceState.WARMING, InstanceState.FAILED, this.now, fence).orElseThrow();

		assertThat(this.connection.sync().xrange(keys.outbox(), Range.create("-", "+")))
			.extracting(StreamMessage::getBody)
			.containsExactly(Map.of("type", "warming", "instance", id.value(), "time", millis()),
					Map.of("type", "failed", "instance", id.value(), "time", millis(), "previousState", "warming"));
	}

	@Test
	void withEventsOffTheScriptsWriteNoOutbox() {
		ValkeyKeys off = ValkeyKeys.forDeployment(this.deployment + "-off");
		ValkeyKeys on = ValkeyKeys.forDeployment(this.deployment + "-control");

		liveAndRelease(repository(off, Settings.eventsOff()), off, "203.0.113.8");
		liveAndRelease(repository(on, Settings.events("nats://127.0.0.1:4222")), on, "203.0.113.8");

		assertThat(this.connection.sync().exists(off.outbox())).as("events off").isZero();
		assertThat(this.connection.sync().xlen(on.outbox())).as("the same life with events on").isEqualTo(5);
	}

	@Test
	void eachSinkPublishesFromItsOwnPositionAndWhatEverySinkPublishedLeavesTheOutbox() {
		ValkeyKeys keys = ValkeyKeys.forDeployment(this.deployment + "-sinks");
		EventsProperties events = new EventsProperties("nats://127.0.0.1:4222", 10, Duration.ofMillis(100),
				Duration.ofMinutes(1), Duration.ofSeconds(2), "http://127.0.0.1:9/events",
				"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Duration.ofSeconds(5));
		InstanceRepository repository = repository(keys, events);
		OutboxStore outbox = new ValkeyOutboxStore(calls(), keys, events);
		Fence fence = ValkeyInstanceRepositoryIT.leaderFence(this.connection, keys);
		repository.seedPorts(30000, 30399);
		List<InstanceId> first = List.of(InstanceId.random(), InstanceId.random(), InstanceId.random());
		first.forEach((id) -> repository.reserve(id, this.now, LOGIN, fence).orElseThrow());
		List<OutboxEntry> three = outbox.unpublished("webhook", 10);

		outbox.published("nats", three.get(1));

		assertThat(instances(outbox.unpublished("nats", 10))).containsExactly(first.get(2).value());
		assertThat(instances(outbox.unpublished("webhook", 10))).as("the webhook has published nothing yet")
			.containsExactlyElementsOf(first.stream().map(InstanceId::value).toList());
		assertThat(this.connection.sync().xlen(keys.outbox())).as("kept for the webhook").isEqualTo(3);
		assertThat(outbox.counts().backlog("nats").pending()).isEqualTo(1);
		assertThat(outbox.counts().backlog("webhook").pending()).isEqualTo(3);

		outbox.published("webhook", three.get(0));
		outbox.published("nats", three.get(0));

		assertThat(this.connection.sync().xlen(keys.outbox())).as("what both published is gone").isEqualTo(2);
		assertThat(instances(outbox.unpublished("nats", 10))).as("a position never moves back")
			.containsExactly(first.get(2).value());
		assertThat(outbox.counts().dropped()).isZero();

		for (int i = 0; i < 300; i++) {
			repository.reserve(InstanceId.random(), this.now, LOGIN, fence).orElseThrow();
		}

		OutboxStore.Counts counts = outbox.counts();
		// MAXLEN ~ trims whole nodes of the stream (100 entries each), so it keeps at
		// least the bound and at most about one node more.
		long waiting = this.connection.sync().xlen(keys.outbox());
		assertThat(waiting).isBetween(10L, 110L);
		assertThat(counts.backlog("webhook").pending()).isEqualTo(waiting);
		assertThat(counts.backlog("webhook").pending() + counts.dropped())
			.as("every event the webhook has not published is waiting or counted")
			.isEqualTo(302);
		assertThat(counts.backlog("webhook").oldestWait()).isGreaterThanOrEqualTo(Duration.ZERO)
			.isLessThan(Duration.ofMinutes(1));
		assertThat(outbox.unpublished("webhook", 1000)).hasSize((int) waiting);
	}

	/** Warms a shop, hands it to the client, extends it by 5 minutes and releases it. */
	private InstanceId liveAndRelease(InstanceRepository repository, ValkeyKeys keys, String client) {
		Fence fence = ValkeyInstanceRepositoryIT.leaderFence(this.connection, keys);
		repository.seedPorts(30000, 30001);
		InstanceId id = InstanceId.random();
		repository.reserve(id, this.now, LOGIN, fence).orElseThrow();
		assertThat(repository.markReady(id, this.now, fence)).isTrue();
		assertThat(repository.acquire(new AcquireRequest(client, "owner-token-hash", this.now,
				this.now.plus(Duration.ofMinutes(30)), LIMITS, true)))
			.isInstanceOf(AcquireResult.Granted.class);
		assertThat(repository.extend(id, Duration.ofMinutes(5), Duration.ofHours(2), 3, this.now))
			.isInstanceOf(ExtendResult.Extended.class);
		repository.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, this.now, Fence.NONE).orElseThrow();
		return id;
	}

	private static List<String> instances(List<OutboxEntry> entries) {
		return entries.stream().map((entry) -> entry.fields().get("instance")).toList();
	}

	private InstanceRepository repository(ValkeyKeys keys, EventsProperties events) {
		return new ValkeyInstanceRepository(calls(), keys, events, Settings.fixedSizing());
	}

	private ValkeyCalls calls() {
		return new ValkeyCalls(this.connection, new DependencyCalls(new SimpleMeterRegistry()));
	}

	private String millis() {
		return String.valueOf(this.now.toEpochMilli());
	}

}
