package com.demomultiplexer.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The repository's scripts against a real Valkey-compatible server (redis-server, started
 * by scripts/services.sh), under a deployment prefix of its own: once with the service's
 * clock agreeing with Valkey's, and once each with it a year ahead and a year behind.
 */
@ParameterizedClass(name = "service clock {0} from Valkey's")
@ValueSource(strings = { "PT0S", "P365D", "-P365D" })
class ValkeyInstanceRepositoryIT {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	/**
	 * How far the service's clock is from Valkey's: the scripts must hold whatever the
	 * difference, because Valkey judges key expiries by its own clock.
	 */
	@Parameter
	private Duration clockSkew;

	/** The service's "now": the real time (never a date written here), skewed. */
	private Instant now;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private ValkeyKeys keys;

	private ValkeyInstanceRepository repository;

	/** The test plays the leader: reservations and the leader's ends need its token. */
	private Fence fence;

	@BeforeEach
	void connect() {
		this.now = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(this.clockSkew);
		this.client = RedisClient.create("redis://127.0.0.1:6379");
		this.connection = this.client.connect();
		this.keys = ValkeyKeys.forDeployment("it-" + InstanceId.random().value().substring(0, 8));
		this.repository = new ValkeyInstanceRepository(
				new ValkeyCalls(this.connection, new DependencyCalls(new SimpleMeterRegistry())), this.keys,
				Settings.eventsOff(), Settings.fixedSizing());
		this.fence = leaderFence(this.connection, this.keys);
	}

	@Test
	void aFormerLeadersWritesAreRefusedWhileAnyReplicasReleaseAndTheNewLeadersWritesGoThrough() {
		this.repository.seedPorts(30000, 30009);
		InstanceId warming = InstanceId.random();
		this.repository.reserve(warming, this.now, LOGIN, this.fence).orElseThrow();
		InstanceId ready = warmToReady();
		Fence former = this.fence;
		// The lease runs out while its holder is frozen, and another replica claims it.
		this.connection.sync().del(this.keys.leader());
		Fence current = leaderFence(this.connection, this.keys);
		assertThat(current).isNotEqualTo(former);
		Set<String> freePorts = this.connection.sync().smembers(this.keys.freePorts());

		assertThatExceptionOfType(FencedException.class)
			.isThrownBy(() -> this.repository.reserve(InstanceId.random(), this.now, LOGIN, former));
		assertThatExceptionOfType(FencedException.class)
			.isThrownBy(() -> this.repository.markReady(warming, this.now, former));
		assertThatExceptionOfType(FencedException.class).isThrownBy(
				() -> this.repository.end(warming, InstanceState.WARMING, InstanceState.FAILED, this.now, former));
		assertThat(this.repository.find(warming).orElseThrow().state()).as("nothing changed")
			.isEqualTo(InstanceState.WARMING);
		assertThat(this.connection.sync().smembers(this.keys.freePorts())).isEqualTo(freePorts);

		// The controls: the same writes with the current token, and a release by anyone.
		assertThat(this.repository.end(warming, InstanceState.WARMING, InstanceState.FAILED, this.now, current))
			.isPresent();
		assertThat(this.repository.reserve(InstanceId.random(), this.now, LOGIN, current)).isPresent();
		assertThat(this.repository.end(ready, InstanceState.READY, InstanceState.RELEASED, this.now, Fence.NONE))
			.isPresent();
	}

	@Test
	void aLeaseThatRanOutIsGivenBackUnderItsTokenOnlyWhenNobodyClaimedItSince() {
		ValkeyLeaseStore leases = new ValkeyLeaseStore(
				new ValkeyCalls(this.connection, new DependencyCalls(new SimpleMeterRegistry())), this.keys);
		String held = this.fence.token();
		this.connection.sync().del(this.keys.leader());

		assertThat(leases.claim("test", held, Duration.ofHours(1)).token()).as("nobody came between").isEqualTo(held);

		this.connection.sync().del(this.keys.leader());
		String other = leases.claim("other", "", Duration.ofHours(1)).token();
		this.connection.sync().del(this.keys.leader());
		LeaseStore.LeaseClaim late = leases.claim("test", held, Duration.ofHours(1));
		assertThat(late.leader()).isTrue();
		assertThat(late.token()).as("another led meanwhile: a new token").isNotIn(held, other);
	}

	/** Claims the deployment's lease for an hour and answers its token. */
	static Fence leaderFence(StatefulRedisConnection<String, String> connection, ValkeyKeys keys) {
		return new Fence(
				new ValkeyLeaseStore(new ValkeyCalls(connection, new DependencyCalls(new SimpleMeterRegistry())), keys)
					.claim("test", "", Duration.ofHours(1))
					.token());
	}

	@AfterEach
	void dropKeysAndDisconnect() {
		List<String> ours = this.connection.sync()
			.keys(this.keys.prefix().replace("{", "\\{").replace("}", "\\}") + "*");
		if (!ours.isEmpty()) {
			this.connection.sync().del(ours.toArray(String[]::new));
		}
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void fiftyConcurrentAcquiresHandEachReadyInstanceOutExactlyOnce() throws Exception {
		this.repository.seedPorts(30000, 30099);
		Set<InstanceId> ready = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			ready.add(warmToReady());
		}
		ConcurrentLinkedQueue<InstanceId> handedOut = new ConcurrentLinkedQueue<>();
		AtomicInteger empty = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(50);
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			done.add(threads.submit(() -> {
				start.await();
				acquire(this.now, this.now.plus(Duration.ofMinutes(30)))
					.ifPresentOrElse((instance) -> handedOut.add(instance.id()), empty::incrementAndGet);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get();
		}
		threads.shutdown();

		assertThat(handedOut).hasSize(20).doesNotHaveDuplicates();
		assertThat(new HashSet<>(handedOut)).isEqualTo(ready);
		assertThat(empty).hasValue(30);
		assertThat(this.repository.counts()).isEqualTo(new PoolCounts(0, 0, 20, 0));
	}

	@Test
	void acquireReturnsTheRecordMarkedAssignedWithItsExpiry() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = warmToReady();
		Instant expiresAt = this.now.plus(Duration.ofMinutes(30));

		Instance acquired = acquire(this.now, expiresAt).orElseThrow();

		assertThat(acquired.id()).isEqualTo(id);
		assertThat(acquired.state()).isEqualTo(InstanceState.ASSIGNED);
		assertThat(acquired.hostPort()).isEqualTo(30000);
		assertThat(acquired.assignedAt()).isEqualTo(this.now);
		assertThat(acquired.expiresAt()).isEqualTo(expiresAt);
		assertThat(this.repository.find(id)).contains(acquired);
		assertThat(acquire(this.now, expiresAt)).isEmpty();
	}

	@Test
	void portsAreHandedOutOnceAndComeBackWhenTheRecordIsForgotten() {
		this.repository.seedPorts(30000, 30001);
		InstanceId first = InstanceId.random();
		InstanceId second = InstanceId.random();
		Set<Integer> ports = Set.of(this.repository.reserve(first, this.now, LOGIN, this.fence).orElseThrow(),
				this.repository.reserve(second, this.now, LOGIN, this.fence).orElseThrow());

		assertThat(ports).containsExactlyInAnyOrder(30000, 30001);
		assertThat(this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence)).isEmpty();

		this.repository.end(first, null, InstanceState.FAILED, this.now, this.fence).orElseThrow();
		assertThat(this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence))
			.as("an ending shop still holds its port")
			.isEmpty();
		this.repository.forget(first);

		assertThat(this.repository.find(first)).isEmpty();
		assertThat(this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence)).isPresent();
	}

	@Test
	void reseedingKeepsThePortsOfRecordedShopsTaken() {
		this.repository.seedPorts(30000, 30002);
		int held = this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence).orElseThrow();

		this.repository.seedPorts(30000, 30002);
		this.repository.seedPorts(30000, 30003);

		Set<Integer> free = new HashSet<>();
		Optional<Integer> port;
		while ((port = this.repository.reserve(InstanceId.random(), this.now, LOGIN, this.fence)).isPresent()) {
			free.add(port.get());
		}
		assertThat(free).hasSize(3).doesNotContain(held);
	}

	@Test
	void recordsAreEveryShopOnRecordOldestFirst() {
		this.repository.seedPorts(30000, 30002);
		InstanceId warming = InstanceId.random();
		this.repository.reserve(warming, this.now, LOGIN, this.fence).orElseThrow();
		InstanceId ready = InstanceId.random();
		this.repository.reserve(ready, this.now.minusSeconds(2), LOGIN, this.fence).orElseThrow();
		this.repository.markReady(ready, this.now, this.fence);
		InstanceId ending = InstanceId.random();
		this.repository.reserve(ending, this.now.minusSeconds(1), LOGIN, this.fence).orElseThrow();
		this.repository.end(ending, null, InstanceState.FAILED, this.now, this.fence).orElseThrow();

		assertThat(this.repository.records()).extracting(Instance::id, Instance::state)
			.containsExactly(tuple(ready, InstanceState.READY), tuple(ending, InstanceState.FAILED),
					tuple(warming, InstanceState.WARMING));
	}

	@Test
	void onlyOneCallerEndsAShop() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = warmToReady();
		acquire(this.now, this.now.plusSeconds(60)).orElseThrow();

		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, this.now, Fence.NONE))
			.hasValueSatisfying((ended) -> assertThat(ended.state()).isEqualTo(InstanceState.RELEASED));
		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, this.now, Fence.NONE))
			.isEmpty();
		assertThat(this.repository.end(id, null, InstanceState.EXPIRED, this.now, this.fence)).isEmpty();
		assertThat(this.repository.counts()).isEqualTo(new PoolCounts(0, 0, 0, 1));
	}

	@Test
	void aShopExpiresOnlyOnceItsExpiryHasPassed() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = warmToReady();
		Instant expiresAt = this.now.plusSeconds(60);
		acquire(this.now, expiresAt).orElseThrow();

		assertThat(this.repository.assignedExpiredBy(expiresAt.minusMillis(1))).isEmpty();
		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.EXPIRED, expiresAt.minusMillis(1),
				this.fence))
			.isEmpty();
		assertThat(this.repository.assignedExpiredBy(expiresAt)).containsExactly(id);
		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.EXPIRED, expiresAt, this.fence))
			.isPresent();
	}

	@Test
	void aShopEndedWhileWarmingNeverReachesThePool() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = InstanceId.random();
		this.repository.reserve(id, this.now, LOGIN, this.fence).orElseThrow();
		this.repository.end(id, InstanceState.WARMING, InstanceState.FAILED, this.now, this.fence).orElseThrow();

		assertThat(this.repository.markReady(id, this.now, this.fence)).isFalse();
		assertThat(acquire(this.now, this.now.plusSeconds(60))).isEmpty();
	}

	@Test
	void anEmptyAnswerSaysWhenTheOldestWarmupStarted() {
		this.repository.seedPorts(30000, 30001);
		assertThat(acquireAs("c", this.now, UNLIMITED))
			.isEqualTo(new AcquireResult.Empty(new AcquireResult.ClientUsage(0, 0, 0), Optional.empty()));

		this.repository.reserve(InstanceId.random(), this.now.minusSeconds(5), LOGIN, this.fence).orElseThrow();
		this.repository.reserve(InstanceId.random(), this.now.minusSeconds(2), LOGIN, this.fence).orElseThrow();

		assertThat(acquireAs("c", this.now, UNLIMITED)).isInstanceOfSatisfying(AcquireResult.Empty.class,
				(empty) -> assertThat(empty.oldestWarmupStart()).contains(this.now.minusSeconds(5)));
	}

	@Test
	void releasingAReadyShopTakesItOutOfThePool() {
		this.repository.seedPorts(30000, 30001);
		InstanceId ended = warmToReady();
		InstanceId kept = warmToReady();

		this.repository.end(ended, null, InstanceState.RELEASED, this.now, Fence.NONE).orElseThrow();

		assertThat(acquire(this.now, this.now.plusSeconds(60)).map(Instance::id)).contains(kept);
		assertThat(acquire(this.now, this.now.plusSeconds(60))).isEmpty();
	}

	@Test
	void aHundredConcurrentAcquiresFromOneClientWithALimitOfFiveGetExactlyFive() throws Exception {
		this.repository.seedPorts(30000, 30099);
		for (int i = 0; i < 20; i++) {
			warmToReady();
		}
		AcquireRequest.ClientLimits fivePerHour = new AcquireRequest.ClientLimits(5, 20, 100);
		ConcurrentLinkedQueue<AcquireResult> results = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(100);
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			done.add(threads.submit(() -> {
				start.await();
				results.add(acquireAs("198.51.100.7", this.now, fivePerHour));
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get();
		}
		threads.shutdown();

		assertThat(results).filteredOn(AcquireResult.Granted.class::isInstance).hasSize(5);
		assertThat(results).filteredOn(AcquireResult.Limited.class::isInstance)
			.hasSize(95)
			.allSatisfy((result) -> assertThat(((AcquireResult.Limited) result).limit())
				.isEqualTo(AcquireResult.ClientLimit.HOURLY));
		assertThat(this.repository.counts().ready()).isEqualTo(15);
		assertThat(acquireAs("203.0.113.9", this.now, fivePerHour)).as("another client is not affected")
			.isInstanceOf(AcquireResult.Granted.class);
	}

	@Test
	void theHourlyWindowSlidesAndSaysWhenTheNextAcquireFits() {
		this.repository.seedPorts(30000, 30009);
		for (int i = 0; i < 5; i++) {
			warmToReady();
		}
		AcquireRequest.ClientLimits twoPerHour = new AcquireRequest.ClientLimits(2, 3, 10);
		acquireAs("c", this.now, twoPerHour);
		acquireAs("c", this.now.plus(Duration.ofMinutes(20)), twoPerHour);

		AcquireResult limited = acquireAs("c", this.now.plus(Duration.ofMinutes(30)), twoPerHour);
		assertThat(limited).isInstanceOfSatisfying(AcquireResult.Limited.class, (refused) -> {
			assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(30));
			// The first shop reached its expiry, so it no longer counts as live.
			assertThat(refused.usage()).isEqualTo(new AcquireResult.ClientUsage(2, 2, 1));
		});
		assertThat(acquireAs("c", this.now.plus(Duration.ofMinutes(60)).plusMillis(1), twoPerHour))
			.isInstanceOf(AcquireResult.Granted.class);
		assertThat(acquireAs("c", this.now.plus(Duration.ofMinutes(150)), twoPerHour)).as("three a day")
			.isInstanceOfSatisfying(AcquireResult.Limited.class,
					(refused) -> assertThat(refused.limit()).isEqualTo(AcquireResult.ClientLimit.DAILY));
	}

	@Test
	void aClientHoldsAtMostItsLiveLimitUntilOneEnds() {
		this.repository.seedPorts(30000, 30009);
		for (int i = 0; i < 3; i++) {
			warmToReady();
		}
		AcquireRequest.ClientLimits oneAtATime = new AcquireRequest.ClientLimits(10, 10, 1);
		Instance held = ((AcquireResult.Granted) acquireAs("c", this.now, oneAtATime)).instance();

		assertThat(acquireAs("c", this.now.plusSeconds(60), oneAtATime))
			.isInstanceOfSatisfying(AcquireResult.Limited.class, (refused) -> {
				assertThat(refused.limit()).isEqualTo(AcquireResult.ClientLimit.LIVE);
				assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(29));
			});
		this.repository.end(held.id(), InstanceState.ASSIGNED, InstanceState.RELEASED, this.now.plusSeconds(60),
				Fence.NONE);
		assertThat(acquireAs("c", this.now.plusSeconds(61), oneAtATime)).isInstanceOf(AcquireResult.Granted.class);
	}

	@Test
	void anExtendedShopKeepsCountingAsLiveUntilItsNewExpiry() {
		this.repository.seedPorts(30000, 30009);
		for (int i = 0; i < 2; i++) {
			warmToReady();
		}
		AcquireRequest.ClientLimits oneAtATime = new AcquireRequest.ClientLimits(10, 10, 1);
		Instance held = ((AcquireResult.Granted) acquireAs("c", this.now, oneAtATime)).instance();
		assertThat(this.repository.extend(held.id(), Duration.ofMinutes(20), Duration.ofHours(2), 3, this.now))
			.isInstanceOf(ExtendResult.Extended.class);

		assertThat(acquireAs("c", this.now.plus(Duration.ofMinutes(31)), oneAtATime)).as("past the first expiry")
			.isInstanceOfSatisfying(AcquireResult.Limited.class,
					(refused) -> assertThat(refused.limit()).isEqualTo(AcquireResult.ClientLimit.LIVE));
		assertThat(acquireAs("c", this.now.plus(Duration.ofMinutes(50)), oneAtATime)).as("at the extended expiry")
			.isInstanceOf(AcquireResult.Granted.class);
	}

	@Test
	void anEmptyPoolCountsNothingAgainstTheClient() {
		this.repository.seedPorts(30000, 30000);
		AcquireRequest.ClientLimits onePerHour = new AcquireRequest.ClientLimits(1, 1, 1);

		assertThat(acquireAs("c", this.now, onePerHour)).isInstanceOf(AcquireResult.Empty.class);
		warmToReady();
		assertThat(acquireAs("c", this.now, onePerHour)).isInstanceOf(AcquireResult.Granted.class);
	}

	@Test
	void extensionsMoveTheExpiryWithinTheCapAndTheNumberAllowed() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = warmToReady();
		acquire(this.now, this.now.plus(Duration.ofMinutes(30))).orElseThrow();
		Duration cap = Duration.ofMinutes(60);

		assertThat(this.repository.extend(id, Duration.ofMinutes(20), cap, 2, this.now))
			.isInstanceOfSatisfying(ExtendResult.Extended.class, (extended) -> {
				assertThat(extended.instance().expiresAt()).isEqualTo(this.now.plus(Duration.ofMinutes(50)));
				assertThat(extended.instance().extensions()).isOne();
			});
		assertThat(this.repository.assignedExpiredBy(this.now.plus(Duration.ofMinutes(49)))).isEmpty();
		assertThat(this.repository.extend(id, Duration.ofMinutes(11), cap, 2, this.now))
			.isEqualTo(new ExtendResult.OverCap(this.now.plus(Duration.ofMinutes(50)), this.now.plus(cap)));
		assertThat(this.repository.extend(id, Duration.ofMinutes(10), cap, 2, this.now))
			.isInstanceOf(ExtendResult.Extended.class);
		assertThat(this.repository.extend(id, Duration.ofMinutes(1), Duration.ofHours(5), 2, this.now))
			.isEqualTo(new ExtendResult.NoExtensionsLeft(this.now.plus(cap)));
	}

	@Test
	void anEndedOrExpiredShopCannotBeExtended() {
		this.repository.seedPorts(30000, 30001);
		InstanceId released = warmToReady();
		InstanceId expired = warmToReady();
		acquire(this.now, this.now.plus(Duration.ofMinutes(30))).orElseThrow();
		acquire(this.now, this.now.plus(Duration.ofMinutes(30))).orElseThrow();
		this.repository.end(released, InstanceState.ASSIGNED, InstanceState.RELEASED, this.now, Fence.NONE);

		assertThat(this.repository.extend(released, Duration.ofMinutes(5), Duration.ofHours(2), 3, this.now))
			.isEqualTo(new ExtendResult.Ended("released"));
		assertThat(this.repository.extend(expired, Duration.ofMinutes(5), Duration.ofHours(2), 3,
				this.now.plus(Duration.ofMinutes(30))))
			.isEqualTo(new ExtendResult.Ended("expired"));
		assertThat(this.repository.extend(InstanceId.random(), Duration.ofMinutes(5), Duration.ofHours(2), 3, this.now))
			.isEqualTo(new ExtendResult.Ended("unknown"));
	}

	@Test
	void scriptsTellEveryListenerWhatHappened() throws Exception {
		var subscription = this.client.connectPubSub();
		LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
		subscription.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				heard.add(message);
			}
		});
		subscription.sync().subscribe(this.keys.events());
		this.repository.seedPorts(30000, 30000);

		InstanceId id = warmToReady();
		acquire(this.now, this.now.plus(Duration.ofMinutes(30))).orElseThrow();
		this.repository.extend(id, Duration.ofMinutes(5), Duration.ofHours(2), 3, this.now);
		this.repository.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, this.now, Fence.NONE);

		assertThat(List.of(heard.poll(2, TimeUnit.SECONDS), heard.poll(2, TimeUnit.SECONDS),
				heard.poll(2, TimeUnit.SECONDS)))
			.containsExactly("ready " + id,
					"extended " + id + " " + this.now.plus(Duration.ofMinutes(35)).toEpochMilli(),
					"ended " + id + " released");
		subscription.close();
	}

	private static final AcquireRequest.ClientLimits UNLIMITED = new AcquireRequest.ClientLimits(1000, 1000, 1000);

	/** Acquires for a client with no practical limits; empty when the pool is empty. */
	private Optional<Instance> acquire(Instant now, Instant expiresAt) {
		AcquireResult result = this.repository.acquire(new AcquireRequest("client-" + Thread.currentThread().threadId(),
				"hash", now, expiresAt, UNLIMITED, true));
		return (result instanceof AcquireResult.Granted granted) ? Optional.of(granted.instance()) : Optional.empty();
	}

	private AcquireResult acquireAs(String client, Instant now, AcquireRequest.ClientLimits limits) {
		return this.repository
			.acquire(new AcquireRequest(client, "hash", now, now.plus(Duration.ofMinutes(30)), limits, true));
	}

	private InstanceId warmToReady() {
		InstanceId id = InstanceId.random();
		this.repository.reserve(id, this.now, LOGIN, this.fence).orElseThrow();
		assertThat(this.repository.markReady(id, this.now, this.fence)).isTrue();
		return id;
	}

}
