package com.demomultiplexer.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.store.OutboxStore;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.NatsProcess;
import com.demomultiplexer.support.SeededShops;
import com.demomultiplexer.support.WebhookReceiver;
import com.demomultiplexer.support.WebhookReceiver.Delivery;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.demomultiplexer.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle events from the whole service to a webhook receiver of the test's own, beside
 * a nats-server of its own: every event arrives signed, in order, and a receiver that
 * fails gets every event once it recovers, while NATS goes on receiving meanwhile. The
 * replenisher is off (target 0): shops are recorded straight into Valkey by the scripts a
 * warm-up uses, so no container is needed.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h", "RATE_LIMIT_HOURLY=50",
		"RATE_LIMIT_DAILY=50", "RATE_LIMIT_LIVE=50", "EVENTS_RELAY_INTERVAL=100ms", "EVENTS_RELAY_BACKOFF_MAX=1s",
		"EVENTS_WEBHOOK_TIMEOUT=1s", "EVENTS_NATS_TIMEOUT=1s" })
class WebhookIT {

	private static final Deployment deployment = new Deployment(26100);

	private static final AtomicInteger clients = new AtomicInteger();

	private static WebhookReceiver receiver;

	private static NatsProcess nats;

	@LocalServerPort
	int port;

	@Autowired
	InstanceRepository instances;

	@Autowired
	OutboxStore outbox;

	@Autowired
	LeaderLease lease;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) throws IOException {
		deployment.register(properties);
		receiver = WebhookReceiver.start();
		nats = NatsProcess.start();
		properties.add("EVENTS_WEBHOOK_URL", receiver::url);
		properties.add("EVENTS_WEBHOOK_SECRET", () -> WebhookReceiver.SECRET);
		properties.add("EVENTS_NATS_URL", nats::url);
	}

	@AfterAll
	static void stopReceivers() throws InterruptedException {
		receiver.close();
		nats.stop();
	}

	@BeforeEach
	void seedPorts() {
		this.instances.seedPorts(26100, 26149);
		receiver.answer(204);
	}

	@Test
	void aShopsLifeArrivesSignedAndInOrder() {
		SeededShops.takeAll(this.instances);
		InstanceId id = SeededShops.ready(this.instances, this.lease);
		ApiClient api = new ApiClient(this.port);
		Answer acquired = api.post("/api/v1/demo/acquire", "X-Forwarded-For", "203.0.113." + clients.incrementAndGet());
		assertThat(acquired.text("id")).isEqualTo(id.value());
		String path = "/api/v1/demo/" + id.value();
		String[] owner = bearer(acquired.text("token"));
		assertThat(api.postJson(path + "/extend", "{\"minutes\":5}", owner).status()).isEqualTo(200);
		assertThat(api.delete(path, owner).status()).isEqualTo(204);

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.transitionsOf(id.value()).size() >= 5);

		assertThat(receiver.transitionsOf(id.value())).containsExactly("warming", "ready", "assigned", "extended",
				"released");
		List<Delivery> deliveries = receiver.acceptedOnce()
			.stream()
			.filter((delivery) -> delivery.instance().equals(id.value()))
			.toList();
		for (Delivery delivery : deliveries) {
			assertThat(WebhookReceiver.verifies(WebhookReceiver.SECRET, delivery)).as("signed with the secret")
				.isTrue();
			assertThat(delivery.id()).isEqualTo(delivery.json().get("id").asString());
			assertThat(delivery.contentType()).isEqualTo("application/cloudevents+json");
			assertThat(Instant.ofEpochSecond(Long.parseLong(delivery.timestamp()))).isCloseTo(Instant.now(),
					within(Duration.ofMinutes(1)));
		}
		Delivery assigned = deliveries.get(2);
		Delivery tampered = new Delivery(assigned.id(), assigned.timestamp(), assigned.signature(),
				assigned.contentType(),
				new String(assigned.body(), StandardCharsets.UTF_8)
					.replace(acquired.text("expiresAt"), "2099-01-01T00:00:00Z")
					.getBytes(StandardCharsets.UTF_8),
				assigned.status());
		assertThat(WebhookReceiver.verifies(WebhookReceiver.SECRET, tampered)).as("a changed body fails").isFalse();
		Delivery replayed = new Delivery(assigned.id(), String.valueOf(Long.parseLong(assigned.timestamp()) + 600),
				assigned.signature(), assigned.contentType(), assigned.body(), assigned.status());
		assertThat(WebhookReceiver.verifies(WebhookReceiver.SECRET, replayed)).as("a changed timestamp fails")
			.isFalse();
		assertThat(WebhookReceiver.verifies("whsec_" + "b".repeat(43) + "=", assigned)).as("another secret fails")
			.isFalse();
	}

	@Test
	void aFailingReceiverGetsEveryEventInOrderOnceItRecoversWhileNatsGoesOn() {
		SeededShops.takeAll(this.instances);
		await().atMost(Duration.ofSeconds(20)).until(this::nothingPending);
		receiver.answer(503);
		List<InstanceId> made = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			made.add(SeededShops.ready(this.instances, this.lease));
		}
		Answer acquired = new ApiClient(this.port).post("/api/v1/demo/acquire", "X-Forwarded-For",
				"203.0.113." + clients.incrementAndGet());
		assertThat(acquired.status()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(20)).until(() -> webhookHealth().equals("DOWN"));
		assertThat(this.outbox.counts().backlog("webhook").pending()).isEqualTo(7);
		assertThat(this.outbox.counts().backlog("nats").pending()).as("NATS is not held back").isZero();
		List<Delivery> refused = receiver.deliveries().stream().filter((delivery) -> !delivery.accepted()).toList();
		assertThat(refused).as("retried").hasSizeGreaterThanOrEqualTo(2);
		assertThat(refused).extracting(Delivery::id)
			.as("only the oldest event is tried while it is refused, so none overtakes it")
			.containsOnly(refused.getFirst().id());
		assertThat(refused.getFirst().instance()).isEqualTo(made.getFirst().value());

		receiver.answer(204);

		await().atMost(Duration.ofSeconds(20)).until(this::nothingPending);
		for (InstanceId id : made) {
			List<String> expected = new ArrayList<>(List.of("warming", "ready"));
			if (id.value().equals(acquired.text("id"))) {
				expected.add("assigned");
			}
			assertThat(receiver.transitionsOf(id.value())).containsExactlyElementsOf(expected);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> webhookHealth().equals("UP"));
		assertThat(this.meters.get("demo.events.failed").tag("sink", "webhook").counter().count())
			.isEqualTo(refused.size());
	}

	private boolean nothingPending() {
		OutboxStore.Counts counts = this.outbox.counts();
		return counts.backlog("webhook").pending() == 0 && counts.backlog("nats").pending() == 0;
	}

	private String webhookHealth() {
		return new ApiClient("http://127.0.0.1:" + deployment.managementPort()).get("/actuator/health")
			.json()
			.at("/components/webhook/status")
			.asString();
	}

}
