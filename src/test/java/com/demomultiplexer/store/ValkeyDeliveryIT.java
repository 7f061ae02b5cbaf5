package com.demomultiplexer.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ValkeyProperties;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.support.CuttingProxy;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.support.ValkeyProcess;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Delivery to Valkey is at most once: a command whose connection drops before its reply
 * fails, and Lettuce does not send it again once it has reconnected. The service's own
 * Lettuce client talks to a Valkey of the test's own through a proxy that lets one
 * command reach Valkey and run, then cuts the connection before the reply gets back.
 * <p>
 * A second repository, connected to Valkey directly, sees the state behind the proxy. A
 * repeat would be sent as soon as Lettuce has reconnected, ahead of any new command on
 * the connection; so once a command sent after the reconnect has been answered, any
 * repeat has run. With Lettuce in its default at-least-once mode every test here fails:
 * two acquires counted, two extensions, two ports taken.
 */
class ValkeyDeliveryIT {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private static final AcquireRequest.ClientLimits LIMITS = new AcquireRequest.ClientLimits(10, 10, 10);

	private static final String CLIENT = "198.51.100.7";

	/** The service's "now": the real time (never a date written here). */
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final ValkeyKeys keys = ValkeyKeys.forDeployment("delivery");

	private Fence fence;

	private ValkeyProcess valkey;

	private CuttingProxy proxy;

	private RedisClient serviceClient;

	private StatefulRedisConnection<String, String> serviceConnection;

	/** The repository as the service has it: Lettuce configured as in production. */
	private ValkeyInstanceRepository repository;

	private RedisClient directClient;

	private StatefulRedisConnection<String, String> directConnection;

	/** The same store without the proxy, to look at what Valkey holds. */
	private ValkeyInstanceRepository valkeyState;

	@BeforeEach
	void start() throws Exception {
		this.valkey = ValkeyProcess.start();
		this.proxy = CuttingProxy.to(Integer.parseInt(this.valkey.address().split(":")[1]));
		this.serviceClient = new ValkeyConfiguration()
			.redisClient(new ValkeyProperties(this.proxy.address(), "", Duration.ofSeconds(10)));
		this.serviceConnection = this.serviceClient.connect();
		this.repository = repository(this.serviceConnection);
		this.directClient = RedisClient.create(this.valkey.uri());
		this.directConnection = this.directClient.connect();
		this.valkeyState = repository(this.directConnection);
		this.fence = ValkeyInstanceRepositoryIT.leaderFence(this.directConnection, this.keys);
		// As after the service's first calls: a NOSCRIPT answer to a cut command would
		// mean that it never ran.
		for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:valkey/*.lua")) {
			this.directConnection.sync().scriptLoad(script.getContentAsString(StandardCharsets.UTF_8));
		}
		this.repository.seedPorts(30000, 30009);
	}

	@AfterEach
	void stop() throws Exception {
		this.serviceConnection.close();
		this.serviceClient.shutdown();
		this.directConnection.close();
		this.directClient.shutdown();
		this.proxy.close();
		this.valkey.stop();
	}

	@Test
	void anAcquireCutBeforeItsReplyChargesTheClientOnceAndHandsOutOneShop() {
		for (int i = 0; i < 3; i++) {
			warmToReady();
		}
		assertThat(acquire("203.0.113.9")).as("the proxy forwards acquires").isInstanceOf(AcquireResult.Granted.class);

		this.proxy.cutAfterCommandContaining(this.keys.clientAcquires(CLIENT));
		Throwable outcome = catchThrowable(() -> acquire(CLIENT));

		assertThat(this.proxy.cuts()).as("the reply was held back").isOne();
		assertThat(clientAcquires()).as("the acquire ran").isPositive();
		awaitReconnected();
		assertThat(clientAcquires()).as("acquires counted").isOne();
		assertThat(this.repository.counts()).as("one shop handed out").isEqualTo(new PoolCounts(1, 0, 2, 0));
		assertThat(outcome).as("the caller learns that Valkey did not answer")
			.isInstanceOf(StoreUnavailableException.class);
		assertThat(acquire(CLIENT)).as("the client's next acquire counts as its second")
			.isInstanceOfSatisfying(AcquireResult.Granted.class,
					(granted) -> assertThat(granted.usage()).isEqualTo(new AcquireResult.ClientUsage(2, 2, 2)));
	}

	@Test
	void anExtensionCutBeforeItsReplyExtendsOnce() {
		InstanceId id = warmToReady();
		Instant expiresAt = ((AcquireResult.Granted) acquire(CLIENT)).instance().expiresAt();

		// From here on only the extension's change names a client's key.
		this.proxy.cutAfterCommandContaining(this.keys.clientPrefix());
		Throwable outcome = catchThrowable(() -> extend(id));

		assertThat(this.proxy.cuts()).as("the reply was held back").isOne();
		assertThat(this.valkeyState.find(id).orElseThrow().extensions()).as("the extension ran").isPositive();
		awaitReconnected();
		assertThat(this.repository.find(id).orElseThrow()).as("extended once").satisfies((instance) -> {
			assertThat(instance.extensions()).isOne();
			assertThat(instance.expiresAt()).isEqualTo(expiresAt.plus(Duration.ofMinutes(5)));
		});
		assertThat(outcome).as("the caller learns that Valkey did not answer")
			.isInstanceOf(StoreUnavailableException.class);
		assertThat(extend(id)).as("the next extension is the second")
			.isInstanceOfSatisfying(ExtendResult.Extended.class, (extended) -> {
				assertThat(extended.instance().extensions()).isEqualTo(2);
				assertThat(extended.instance().expiresAt()).isEqualTo(expiresAt.plus(Duration.ofMinutes(10)));
			});
	}

	@Test
	void aReservationCutBeforeItsReplyTakesOnePort() {
		assertThat(this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence))
			.as("the proxy forwards reservations")
			.isPresent();
		InstanceId id = InstanceId.random();

		this.proxy.cutAfterCommandContaining(id.value());
		Throwable outcome = catchThrowable(() -> this.repository.reserve(id, this.now, LOGIN, this.fence));

		assertThat(this.proxy.cuts()).as("the reply was held back").isOne();
		assertThat(this.valkeyState.find(id)).as("the reservation ran").isPresent();
		awaitReconnected();
		assertThat(freePorts()).as("ports taken once").isEqualTo(8);
		assertThat(this.repository.counts().warming()).isEqualTo(2);
		assertThat(outcome).as("the caller learns that Valkey did not answer")
			.isInstanceOf(StoreUnavailableException.class);
		assertThat(this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence))
			.as("the next takes the next port")
			.isPresent();
		assertThat(freePorts()).isEqualTo(7);
	}

	private ValkeyInstanceRepository repository(StatefulRedisConnection<String, String> connection) {
		return new ValkeyInstanceRepository(new ValkeyCalls(connection, new DependencyCalls(new SimpleMeterRegistry())),
				this.keys, Settings.eventsOff(), Settings.fixedSizing());
	}

	/**
	 * Until the service's connection works again. Commands are refused while it is down,
	 * and a repeat of the cut command would go out before this one.
	 */
	private void awaitReconnected() {
		await().atMost(Duration.ofSeconds(30))
			.ignoreException(StoreUnavailableException.class)
			.until(() -> this.repository.counts() != null);
	}

	private AcquireResult acquire(String client) {
		return this.repository
			.acquire(new AcquireRequest(client, "hash", this.now, this.now.plus(Duration.ofMinutes(30)), LIMITS, true));
	}

	private ExtendResult extend(InstanceId id) {
		return this.repository.extend(id, Duration.ofMinutes(5), Duration.ofHours(2), 3, this.now);
	}

	private long clientAcquires() {
		return this.directConnection.sync().zcard(this.keys.clientAcquires(CLIENT));
	}

	private long freePorts() {
		return this.directConnection.sync().scard(this.keys.freePorts());
	}

	private InstanceId warmToReady() {
		InstanceId id = InstanceId.random();
		this.repository.reserve(id, this.now, LOGIN, this.fence).orElseThrow();
		assertThat(this.repository.markReady(id, this.now, this.fence)).isTrue();
		return id;
	}

}
