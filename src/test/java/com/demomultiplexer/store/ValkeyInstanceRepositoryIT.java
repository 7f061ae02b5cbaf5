package com.demomultiplexer.store;

import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's scripts against a real Valkey-compatible server (redis-server, started
 * by scripts/services.sh), under a deployment prefix of its own.
 */
class ValkeyInstanceRepositoryIT {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private ValkeyKeys keys;

	private ValkeyInstanceRepository repository;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create("redis://127.0.0.1:6379");
		this.connection = this.client.connect();
		this.keys = ValkeyKeys.forDeployment("it-" + InstanceId.random().value().substring(0, 8));
		this.repository = new ValkeyInstanceRepository(this.connection, this.keys);
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
				this.repository.acquire(NOW, NOW.plus(Duration.ofMinutes(30)))
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
		Instant expiresAt = NOW.plus(Duration.ofMinutes(30));

		Instance acquired = this.repository.acquire(NOW, expiresAt).orElseThrow();

		assertThat(acquired.id()).isEqualTo(id);
		assertThat(acquired.state()).isEqualTo(InstanceState.ASSIGNED);
		assertThat(acquired.hostPort()).isEqualTo(30000);
		assertThat(acquired.assignedAt()).isEqualTo(NOW);
		assertThat(acquired.expiresAt()).isEqualTo(expiresAt);
		assertThat(this.repository.find(id)).contains(acquired);
		assertThat(this.repository.acquire(NOW, expiresAt)).isEmpty();
	}

	@Test
	void portsAreHandedOutOnceAndComeBackWhenTheRecordIsForgotten() {
		this.repository.seedPorts(30000, 30001);
		InstanceId first = InstanceId.random();
		InstanceId second = InstanceId.random();
		Set<Integer> ports = Set.of(this.repository.reserve(first, NOW).orElseThrow(),
				this.repository.reserve(second, NOW).orElseThrow());

		assertThat(ports).containsExactlyInAnyOrder(30000, 30001);
		assertThat(this.repository.reserve(InstanceId.random(), NOW)).isEmpty();

		this.repository.end(first, null, InstanceState.FAILED, NOW).orElseThrow();
		assertThat(this.repository.reserve(InstanceId.random(), NOW)).as("an ending shop still holds its port")
			.isEmpty();
		this.repository.forget(first);

		assertThat(this.repository.find(first)).isEmpty();
		assertThat(this.repository.reserve(InstanceId.random(), NOW)).isPresent();
	}

	@Test
	void reseedingKeepsThePortsOfRecordedShopsTaken() {
		this.repository.seedPorts(30000, 30002);
		int held = this.repository.reserve(InstanceId.random(), NOW).orElseThrow();

		this.repository.seedPorts(30000, 30002);
		this.repository.seedPorts(30000, 30003);

		Set<Integer> free = new HashSet<>();
		Optional<Integer> port;
		while ((port = this.repository.reserve(InstanceId.random(), NOW)).isPresent()) {
			free.add(port.get());
		}
		assertThat(free).hasSize(3).doesNotContain(held);
	}

	@Test
	void onlyOneCallerEndsAShop() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = warmToReady();
		this.repository.acquire(NOW, NOW.plusSeconds(60)).orElseThrow();

		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, NOW))
			.hasValueSatisfying((ended) -> assertThat(ended.state()).isEqualTo(InstanceState.RELEASED));
		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, NOW)).isEmpty();
		assertThat(this.repository.end(id, null, InstanceState.EXPIRED, NOW)).isEmpty();
		assertThat(this.repository.counts()).isEqualTo(new PoolCounts(0, 0, 0, 1));
	}

	@Test
	void aShopExpiresOnlyOnceItsExpiryHasPassed() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = warmToReady();
		Instant expiresAt = NOW.plusSeconds(60);
		this.repository.acquire(NOW, expiresAt).orElseThrow();

		assertThat(this.repository.assignedExpiredBy(expiresAt.minusMillis(1))).isEmpty();
		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.EXPIRED, expiresAt.minusMillis(1)))
			.isEmpty();
		assertThat(this.repository.assignedExpiredBy(expiresAt)).containsExactly(id);
		assertThat(this.repository.end(id, InstanceState.ASSIGNED, InstanceState.EXPIRED, expiresAt)).isPresent();
	}

	@Test
	void aShopEndedWhileWarmingNeverReachesThePool() {
		this.repository.seedPorts(30000, 30000);
		InstanceId id = InstanceId.random();
		this.repository.reserve(id, NOW).orElseThrow();
		this.repository.end(id, InstanceState.WARMING, InstanceState.FAILED, NOW).orElseThrow();

		assertThat(this.repository.markReady(id, NOW)).isFalse();
		assertThat(this.repository.acquire(NOW, NOW.plusSeconds(60))).isEmpty();
	}

	@Test
	void releasingAReadyShopTakesItOutOfThePool() {
		this.repository.seedPorts(30000, 30001);
		InstanceId ended = warmToReady();
		InstanceId kept = warmToReady();

		this.repository.end(ended, null, InstanceState.RELEASED, NOW).orElseThrow();

		assertThat(this.repository.acquire(NOW, NOW.plusSeconds(60)).map(Instance::id)).contains(kept);
		assertThat(this.repository.acquire(NOW, NOW.plusSeconds(60))).isEmpty();
	}

	private InstanceId warmToReady() {
		InstanceId id = InstanceId.random();
		this.repository.reserve(id, NOW).orElseThrow();
		assertThat(this.repository.markReady(id, NOW)).isTrue();
		return id;
	}

}
