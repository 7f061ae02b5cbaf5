package com.demomultiplexer.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.WarmupBackoffProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.WarmupFailedException.Reason;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.leadership.ReplicaHeartbeat;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.FencedException;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.InMemoryPoolSettings;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.support.SteppingClock;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willDoNothing;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * When the replenisher starts warm-ups, with the store, the warmer, the engine and the
 * proxy replaced by mocks. The store always says the pool is empty, so what limits the
 * warm-ups here is the replenisher itself; each warm-up lasts until the test ends it.
 * Settings: target 3, two warm-ups at once.
 */
class ReplenisherTest {

	private static final Fence FENCE = new Fence("7 leader");

	private static final ContainerProperties CONTAINERS = new ContainerProperties(ContainerProperties.Mode.DOCKER, "",
			"shop:1", 20000, 20009, "127.0.0.1", DataSize.ofMegabytes(64), 1, 64, List.of(), DataSize.ofMegabytes(10),
			Duration.ofSeconds(60), List.of());

	private static final PoolCounts EMPTY_POOL = new PoolCounts(0, 0, 0, 0);

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final InstanceWarmer warmer = mock(InstanceWarmer.class);

	private final RouteManager routes = mock(RouteManager.class);

	private final SteppingClock clock = new SteppingClock();

	private final WarmupBackoff backoff = new WarmupBackoff(
			new WarmupBackoffProperties(Duration.ofSeconds(1), Duration.ofSeconds(60), 5), this.clock,
			new SimpleMeterRegistry());

	private final PoolControls controls = Settings.fixedControls(new InMemoryPoolSettings());

	private final Replenisher replenisher = new Replenisher(this.instances, this.warmer, this.backoff, this.controls,
			Leases.leading(FENCE), mock(ReplicaHeartbeat.class), this.routes, mock(ContainerRuntime.class),
			mock(ShopContainers.class), Settings.pool(), CONTAINERS);

	/** Shops reserved so far. */
	private final AtomicInteger reserved = new AtomicInteger();

	/** Warm-ups under way. */
	private final List<InstanceWarmer.Reservation> warming = new CopyOnWriteArrayList<>();

	/** One permit ends one warm-up. */
	private final Semaphore warmupEnds = new Semaphore(0);

	@BeforeEach
	void setUp() {
		given(this.instances.counts()).willReturn(EMPTY_POOL);
		given(this.warmer.reserve(FENCE)).willAnswer((invocation) -> reserve());
		willAnswer((invocation) -> {
			InstanceWarmer.Reservation reservation = invocation.getArgument(0);
			this.warming.add(reservation);
			try {
				this.warmupEnds.acquire();
			}
			finally {
				this.warming.remove(reservation);
			}
			return null;
		}).given(this.warmer).warm(any());
	}

	private Optional<InstanceWarmer.Reservation> reserve() {
		return Optional.of(new InstanceWarmer.Reservation(InstanceId.random(), 20000 + this.reserved.getAndIncrement(),
				this.clock.instant(), new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice"), FENCE));
	}

	@AfterEach
	void endWarmups() throws InterruptedException {
		this.warmupEnds.release(100);
		await().until(this.warming::isEmpty);
		this.replenisher.destroy();
	}

	@Test
	void atMostTheWarmupConcurrencyRunsAndAnEndedWarmupFreesItsSlot() {
		this.replenisher.replenish();
		await().until(() -> this.warming.size() == this.reserved.get());
		assertThat(this.reserved).as("two at once, although the store says 3 are missing").hasValue(2);

		this.replenisher.replenish();
		assertThat(this.reserved).as("both slots busy").hasValue(2);

		this.warmupEnds.release();
		await().until(() -> {
			this.replenisher.replenish();
			return this.reserved.get() == 3;
		});
		await().until(() -> this.warming.size() == 2);
		this.replenisher.replenish();
		assertThat(this.reserved).as("one slot came back, for one more warm-up").hasValue(3);
	}

	@Test
	void aWarmupThatEndsInAnExceptionFreesItsSlotToo() {
		willThrow(new IllegalStateException("Valkey is unavailable")).given(this.warmer).warm(any());

		this.replenisher.replenish();

		await().until(() -> {
			this.replenisher.replenish();
			return this.reserved.get() >= 4;
		});
	}

	@Test
	void aFollowerStartsNothingUntilItLeads() throws InterruptedException {
		LeaderLease lease = mock(LeaderLease.class);
		given(lease.fence()).willReturn(Optional.empty());
		Replenisher follower = new Replenisher(this.instances, this.warmer, this.backoff, this.controls, lease,
				mock(ReplicaHeartbeat.class), this.routes, mock(ContainerRuntime.class), mock(ShopContainers.class),
				Settings.pool(), CONTAINERS);
		try {
			follower.replenish();
			assertThat(this.reserved).as("an empty pool, but another replica leads").hasValue(0);
			verify(this.routes, never()).ensureServer(any());

			given(lease.fence()).willReturn(Optional.of(FENCE));
			follower.replenish();
			assertThat(this.reserved).as("the control: once it leads").hasValue(2);
		}
		finally {
			this.warmupEnds.release(100);
			await().until(this.warming::isEmpty);
			follower.destroy();
		}
	}

	@Test
	void nothingStartsWhilePausedByTheOperator() {
		this.controls.pause();
		this.replenisher.replenish();
		assertThat(this.reserved).hasValue(0);

		this.controls.resume();
		this.replenisher.replenish();
		assertThat(this.reserved).hasValue(2);
	}

	@Test
	void whenNoPortIsFreeTheSlotsAreGivenBack() {
		willReturn(Optional.empty(), Optional.empty()).willAnswer((invocation) -> reserve())
			.given(this.warmer)
			.reserve(FENCE);
		this.replenisher.replenish();
		verify(this.warmer, times(2)).reserve(FENCE);
		verify(this.warmer, never()).warm(any());

		this.replenisher.replenish();
		assertThat(this.reserved).as("both slots are free again").hasValue(2);
		await().until(() -> this.warming.size() == 2);
	}

	@Test
	void aReservationThatFailsGivesItsSlotBack() {
		RuntimeException valkeyDown = new IllegalStateException("Valkey is unavailable");
		willThrow(valkeyDown, valkeyDown).willAnswer((invocation) -> reserve()).given(this.warmer).reserve(FENCE);
		this.replenisher.replenish();
		this.clock.advance(Duration.ofSeconds(1));
		this.replenisher.replenish();
		verify(this.warmer, never()).warm(any());

		this.clock.advance(Duration.ofSeconds(2));
		this.replenisher.replenish();
		await().until(() -> this.warming.size() == 2);
		assertThat(this.reserved).as("both slots survived the failures").hasValue(2);
	}

	@Test
	void aRoundCutShortByTheLostLeadIsNoFailure() {
		willThrow(new FencedException()).given(this.warmer).reserve(FENCE);

		this.replenisher.replenish();

		verify(this.warmer).reserve(FENCE);
		assertThat(this.backoff.state().consecutiveFailures()).isZero();
		assertThat(this.backoff.due()).as("no backoff").isTrue();
	}

	@Test
	void aFailingRoundBacksOffLikeAFailedWarmupAndSaysWhy() {
		willThrow(new IllegalStateException("Caddy refused to create server demo")).given(this.routes)
			.ensureServer(List.of());

		this.replenisher.replenish();
		this.replenisher.replenish();
		this.clock.advance(Duration.ofMillis(999));
		this.replenisher.replenish();
		verify(this.routes, times(1)).ensureServer(List.of());

		this.clock.advance(Duration.ofMillis(1));
		this.replenisher.replenish();
		verify(this.routes, times(2)).ensureServer(List.of());
		assertThat(this.backoff.state().consecutiveFailures()).isEqualTo(2);
		assertThat(this.backoff.state().lastCause()).isEqualTo("Caddy refused to create server demo");
		verify(this.warmer, never()).reserve(FENCE);

		willDoNothing().given(this.routes).ensureServer(List.of());
		this.clock.advance(Duration.ofSeconds(2));
		this.replenisher.replenish();
		assertThat(this.backoff.state().consecutiveFailures()).as("a round that gets through ends the run").isZero();
	}

	@Test
	void aRoundThatGetsThroughDoesNotLiftAPauseThatFailedWarmupsCaused() {
		for (int i = 0; i < 5; i++) {
			this.backoff.failed(Reason.START_FAILED, "image missing");
		}
		this.clock.advance(Duration.ofSeconds(60));
		willThrow(new IllegalStateException("Valkey is unavailable")).willDoNothing()
			.given(this.routes)
			.ensureServer(List.of());
		this.replenisher.replenish();
		this.clock.advance(Duration.ofSeconds(60));

		this.replenisher.replenish();

		assertThat(this.backoff.state().paused()).as("the image is still missing").isTrue();
		assertThat(this.backoff.state().consecutiveFailures()).isEqualTo(5);
	}

	@Test
	void nothingStartsUntilTheBackoffAfterAFailureHasPassed() {
		this.backoff.failed(Reason.TIMEOUT, "never answered");
		this.replenisher.replenish();
		assertThat(this.reserved).hasValue(0);

		this.clock.advance(Duration.ofSeconds(1));
		this.replenisher.replenish();
		assertThat(this.reserved).hasValue(2);
	}

	@Test
	void portsAndCaddysServerArePreparedOnceInTheFirstRoundThatReachesThem() {
		willThrow(new IllegalStateException("caddy down")).willDoNothing().given(this.routes).ensureServer(List.of());

		this.replenisher.replenish();
		assertThat(this.reserved).hasValue(0);

		this.clock.advance(Duration.ofSeconds(1));
		this.replenisher.replenish();
		this.replenisher.replenish();
		assertThat(this.reserved).hasValue(2);
		verify(this.routes, times(2)).ensureServer(List.of());
		verify(this.instances, times(2)).seedPorts(20000, 20009);
	}

}
