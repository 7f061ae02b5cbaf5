package com.demomultiplexer.events;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import com.demomultiplexer.system.Sha256;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.demomultiplexer.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle events from the whole service to a nats-server of the test's own: a shop's
 * life arrives in JetStream in order as CloudEvents, JetStream drops an event published
 * twice, and events made while NATS is down wait in the outbox and arrive once it is
 * back. The replenisher is off (target 0): shops are recorded straight into Valkey by the
 * scripts a warm-up uses, so no container is needed. Before the service starts, the
 * outbox holds events that a process which died left behind.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h", "RATE_LIMIT_HOURLY=50",
		"RATE_LIMIT_DAILY=50", "RATE_LIMIT_LIVE=50", "EVENTS_RELAY_INTERVAL=100ms", "EVENTS_NATS_TIMEOUT=1s" })
class EventsIT {

	private static final Deployment deployment = new Deployment(26000);

	private static final AtomicInteger clients = new AtomicInteger();

	/** JetStream's error code for a stream that does not exist. */
	private static final int STREAM_NOT_FOUND = 10059;

	private static NatsProcess nats;

	/** A shop whose warm-up a previous process recorded, and died before publishing. */
	private static final InstanceId leftBehind = InstanceId.random();

	@LocalServerPort
	int port;

	@Autowired
	InstanceRepository instances;

	@Autowired
	OutboxStore outbox;

	@Autowired
	NatsEventPublisher publisher;

	@Autowired
	LeaderLease lease;

	@Autowired
	MeterRegistry meters;

	private Connection reader;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) throws IOException {
		deployment.register(properties);
		leaveEventsInTheOutbox();
		nats = NatsProcess.start();
		properties.add("EVENTS_NATS_URL", nats::url);
	}

	@AfterAll
	static void stopNats() throws InterruptedException {
		nats.stop();
	}

	@BeforeEach
	void connect() throws Exception {
		this.instances.seedPorts(26000, 26049);
		this.reader = Nats.connect(nats.url());
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.reader.close();
	}

	@Test
	void aShopsLifeArrivesInOrderAsCloudEvents() throws Exception {
		SeededShops.takeAll(this.instances);
		InstanceId id = SeededShops.ready(this.instances, this.lease);
		String client = "203.0.113." + clients.incrementAndGet();
		ApiClient api = new ApiClient(this.port);
		Answer acquired = api.post("/api/v1/demo/acquire", "X-Forwarded-For", client);
		assertThat(acquired.text("id")).isEqualTo(id.value());
		String path = "/api/v1/demo/" + id.value();
		String[] owner = bearer(acquired.text("token"));
		assertThat(api.postJson(path + "/extend", "{\"minutes\":5}", owner).status()).isEqualTo(200);
		assertThat(api.delete(path, owner).status()).isEqualTo(204);

		List<MessageInfo> events = await().atMost(Duration.ofSeconds(20))
			.until(() -> eventsOf(id), (found) -> found.size() >= 5);

		assertThat(events).extracting(MessageInfo::getSubject)
			.containsExactly(subject("warming"), subject("ready"), subject("assigned"), subject("extended"),
					subject("released"));
		for (MessageInfo event : events) {
			JsonNode json = JsonMapper.shared().readTree(event.getData());
			assertThat(json.get("specversion").asString()).isEqualTo("1.0");
			assertThat(json.get("type").asString()).isEqualTo(
					CloudEvents.TYPE_PREFIX + event.getSubject().substring(event.getSubject().lastIndexOf('.') + 1));
			assertThat(json.get("subject").asString()).isEqualTo(id.value());
			assertThat(json.get("source").asString()).isEqualTo("/demo-multiplexer/" + deployment.name());
			assertThat(json.get("datacontenttype").asString()).isEqualTo("application/json");
			assertThat(Instant.parse(json.get("time").asString())).isCloseTo(Instant.now(),
					org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
			assertThat(event.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(json.get("id").asString());
			assertThat(event.getHeaders().getFirst("Content-Type")).isEqualTo(CloudEvent.CONTENT_TYPE);
		}
		JsonNode assigned = JsonMapper.shared().readTree(events.get(2).getData()).get("data");
		assertThat(assigned.get("clientHash").asString()).isEqualTo(Sha256.hex(client));
		assertThat(assigned.get("expiresAt").asString()).isEqualTo(acquired.text("expiresAt"));
		assertThat(new String(events.get(2).getData())).doesNotContain(client, acquired.text("token"));
		assertThat(events).extracting((event) -> JsonMapper.shared().readTree(event.getData()).get("id").asString())
			.doesNotHaveDuplicates();
	}

	@Test
	void anEventPublishedTwiceIsStoredOnce() throws Exception {
		InstanceId id = SeededShops.ready(this.instances, this.lease);
		List<MessageInfo> stored = await().atMost(Duration.ofSeconds(20))
			.until(() -> eventsOf(id), (found) -> found.size() == 2);
		long messages = streamMessages();
		JsonNode ready = JsonMapper.shared().readTree(stored.get(1).getData());

		// As a relay would after a crash between NATS's acknowledgement and the outbox's
		// trim: the same event, the same id.
		this.publisher.publish(new CloudEvent(ready.get("id").asString(), "ready", stored.get(1).getData()));
		this.publisher
			.publish(new CloudEvent(ready.get("id").asString() + "-control", "ready", stored.get(1).getData()));

		assertThat(streamMessages()).as("only the control, whose id is new, was stored").isEqualTo(messages + 1);
	}

	@Test
	void eventsMadeWhileNatsIsDownWaitInTheOutboxAndArriveWhenItIsBack() throws Exception {
		SeededShops.takeAll(this.instances);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.outbox.counts().backlog("nats").pending() == 0);
		nats.stop();
		try {
			Instant started = Instant.now();
			List<InstanceId> made = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				made.add(SeededShops.ready(this.instances, this.lease));
			}
			assertThat(Duration.between(started, Instant.now())).as("warm-ups' writes do not wait for NATS")
				.isLessThan(Duration.ofSeconds(1));
			started = Instant.now();
			Answer acquired = new ApiClient(this.port).post("/api/v1/demo/acquire", "X-Forwarded-For",
					"203.0.113." + clients.incrementAndGet());
			assertThat(acquired.status()).isEqualTo(201);
			assertThat(Duration.between(started, Instant.now())).as("an acquire does not wait for NATS")
				.isLessThan(Duration.ofSeconds(1));
			// Relay rounds come and fail meanwhile; the events stay.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.get("demo.events.failed").counter().count() >= 2);
			assertThat(this.outbox.counts().backlog("nats").pending()).isEqualTo(11);
			assertThat(natsHealth()).isEqualTo("DOWN");

			nats.startAgain();

			await().atMost(Duration.ofSeconds(30)).until(() -> this.outbox.counts().backlog("nats").pending() == 0);
			this.reader.close();
			this.reader = Nats.connect(nats.url());
			for (InstanceId id : made) {
				List<String> expected = new ArrayList<>(List.of(subject("warming"), subject("ready")));
				if (id.value().equals(acquired.text("id"))) {
					expected.add(subject("assigned"));
				}
				assertThat(eventsOf(id)).extracting(MessageInfo::getSubject).containsExactlyElementsOf(expected);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> natsHealth().equals("UP"));
		}
		finally {
			if (!nats.answers()) {
				nats.startAgain();
			}
		}
	}

	@Test
	void natsBackWithoutItsStreamsGetsTheStreamMadeAgain() throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.outbox.counts().backlog("nats").pending() == 0);
		nats.stop();
		nats.startAfresh();
		this.reader.close();
		this.reader = Nats.connect(nats.url());

		InstanceId id = SeededShops.ready(this.instances, this.lease);

		assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> eventsOf(id), (found) -> found.size() == 2))
			.extracting(MessageInfo::getSubject)
			.containsExactly(subject("warming"), subject("ready"));
	}

	@Test
	void eventsAProcessThatDiedLeftInTheOutboxArePublishedByTheNext() throws Exception {
		assertThat(
				await().atMost(Duration.ofSeconds(20)).until(() -> eventsOf(leftBehind), (found) -> found.size() == 2))
			.extracting(MessageInfo::getSubject)
			.containsExactly(subject("warming"), subject("ready"));
	}

	/**
	 * What a process killed between a shop's changes and their publication leaves: the
	 * two entries its scripts appended to the deployment's outbox (see reserve.lua),
	 * before this test's service starts.
	 */
	private static void leaveEventsInTheOutbox() {
		RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			String outbox = "{" + deployment.name() + "}:outbox";
			String time = String.valueOf(System.currentTimeMillis());
			for (String transition : List.of("warming", "ready")) {
				connection.sync()
					.xadd(outbox, Map.of("type", transition, "instance", leftBehind.value(), "time", time));
			}
		}
		finally {
			client.shutdown();
		}
	}

	/** Every message in the deployment's stream about this shop, in stream order. */
	private List<MessageInfo> eventsOf(InstanceId id) throws IOException, JetStreamApiException {
		JetStreamManagement jsm = this.reader.jetStreamManagement();
		List<MessageInfo> found = new ArrayList<>();
		for (long seq = 1; seq <= streamMessages(); seq++) {
			MessageInfo message = jsm.getMessage(this.publisher.stream(), seq);
			if (JsonMapper.shared().readTree(message.getData()).get("subject").asString().equals(id.value())) {
				found.add(message);
			}
		}
		return found;
	}

	/** Messages in the deployment's stream; none before the relay made it. */
	private long streamMessages() throws IOException, JetStreamApiException {
		try {
			return this.reader.jetStreamManagement()
				.getStreamInfo(this.publisher.stream())
				.getStreamState()
				.getMsgCount();
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == STREAM_NOT_FOUND) {
				return 0;
			}
			throw ex;
		}
	}

	private String subject(String transition) {
		return "demo." + deployment.name() + "." + transition;
	}

	private String natsHealth() {
		return new ApiClient("http://127.0.0.1:" + deployment.managementPort()).get("/actuator/health")
			.json()
			.at("/components/nats/status")
			.asString();
	}

}
