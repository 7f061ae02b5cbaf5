package com.demomultiplexer.reconcile;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.pool.InstanceTeardown;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.SteppingClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What the death watcher does with each stop Docker reports, with Docker's event stream,
 * the store and the teardown replaced by mocks. Each stop is handled on a thread of its
 * own, which looks the shop up first: once that thread has ended, whatever the watcher
 * was going to do about the stop is done. DeadContainerIT kills real containers.
 */
class ContainerDeathWatcherTest {

	private static final Fence FENCE = new Fence("7 leader");

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final ContainerRuntime runtime = mock(ContainerRuntime.class);

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final InstanceTeardown teardown = mock(InstanceTeardown.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SteppingClock clock = new SteppingClock();

	private final ContainerDeathWatcher watcher = new ContainerDeathWatcher(this.runtime, this.instances, this.teardown,
			new ReconcileActions(this.meters), new DeploymentProperties("demo"), Leases.leading(FENCE), this.clock);

	/** What Docker calls when a container stops, one per subscription. */
	private final List<Consumer<Map<String, String>>> stops = new CopyOnWriteArrayList<>();

	/** What Docker calls when its event stream ends, one per subscription. */
	private final List<Runnable> streamEnds = new CopyOnWriteArrayList<>();

	private final List<Closeable> subscriptions = new CopyOnWriteArrayList<>();

	private final Map<InstanceId, Instance> records = new ConcurrentHashMap<>();

	/** The thread that handled the stop of each shop's container. */
	private final Map<InstanceId, Thread> handlers = new ConcurrentHashMap<>();

	@BeforeEach
	void start() {
		given(this.runtime.watchStops(any(), any(), any())).willAnswer((invocation) -> {
			this.stops.add(invocation.getArgument(1));
			this.streamEnds.add(invocation.getArgument(2));
			Closeable subscription = mock(Closeable.class);
			this.subscriptions.add(subscription);
			return subscription;
		});
		given(this.instances.find(any())).willAnswer((invocation) -> {
			InstanceId id = invocation.getArgument(0);
			this.handlers.put(id, Thread.currentThread());
			return Optional.ofNullable(this.records.get(id));
		});
		given(this.teardown.end(any(), any(), eq(InstanceState.FAILED), any())).willReturn(true);
		this.watcher.start();
	}

	@AfterEach
	void stop() {
		this.watcher.stop();
	}

	@Test
	void followsTheContainersOfThisDeploymentOnly() {
		verify(this.runtime).watchStops(eq(Map.of(ShopContainers.DEPLOYMENT_LABEL, "demo")), any(), any());
	}

	@Test
	void aReadyOrAssignedShopWhoseContainerStopsIsFailedAndTornDown() {
		Instance ready = shop(InstanceState.READY);
		Instance assigned = shop(InstanceState.ASSIGNED);

		containerStops(ready);
		containerStops(assigned);

		await().until(() -> handled(ready) && handled(assigned));
		verify(this.teardown).end(ready.id(), InstanceState.READY, InstanceState.FAILED, FENCE);
		verify(this.teardown).end(assigned.id(), InstanceState.ASSIGNED, InstanceState.FAILED, FENCE);
		assertThat(deadContainersRepaired()).isEqualTo(2);
	}

	@Test
	void aWarmingEndingOrForgottenShopIsLeftToWhoeverHasIt() {
		Instance warming = shop(InstanceState.WARMING);
		Instance released = shop(InstanceState.RELEASED);
		Instance forgotten = new Instance(InstanceId.random(), InstanceState.READY, 20001, NOW, NOW, null, null, 0,
				null, null);
		Instance ready = shop(InstanceState.READY);

		containerStops(warming);
		containerStops(released);
		containerStops(forgotten);
		containerStops(ready);

		await().until(() -> handled(warming) && handled(released) && handled(forgotten) && handled(ready));
		verify(this.teardown).end(ready.id(), InstanceState.READY, InstanceState.FAILED, FENCE);
		verify(this.teardown, never()).end(eq(warming.id()), any(), any(), any());
		verify(this.teardown, never()).end(eq(released.id()), any(), any(), any());
		verify(this.teardown, never()).end(eq(forgotten.id()), any(), any(), any());
		assertThat(deadContainersRepaired()).isOne();
	}

	@Test
	void aShopSomeoneElseEndedFirstIsNotCountedAsRepaired() {
		Instance ready = shop(InstanceState.READY);
		given(this.teardown.end(ready.id(), InstanceState.READY, InstanceState.FAILED, FENCE)).willReturn(false);

		containerStops(ready);

		await().until(() -> handled(ready));
		verify(this.teardown).end(ready.id(), InstanceState.READY, InstanceState.FAILED, FENCE);
		assertThat(deadContainersRepaired()).isZero();
	}

	@Test
	void whenDockersEventStreamEndsItFollowsItAgainAfterAPause() throws Exception {
		Instant streamEnded = this.clock.instant();

		this.streamEnds.get(0).run();

		await().until(() -> this.stops.size() == 2);
		assertThat(this.clock.instant()).isEqualTo(streamEnded.plus(Duration.ofSeconds(5)));
		Instance ready = shop(InstanceState.READY);
		this.stops.get(1).accept(labelsOf(ready));
		await().until(() -> handled(ready));
		verify(this.teardown).end(ready.id(), InstanceState.READY, InstanceState.FAILED, FENCE);

		this.watcher.stop();
		verify(this.subscriptions.get(1)).close();
	}

	/** A shop on record in {@code state}. */
	private Instance shop(InstanceState state) {
		Instance shop = new Instance(InstanceId.random(), state, 20000 + this.records.size(), NOW, null, null, null, 0,
				null, null);
		this.records.put(shop.id(), shop);
		return shop;
	}

	private void containerStops(Instance shop) {
		this.stops.get(0).accept(labelsOf(shop));
	}

	private static Map<String, String> labelsOf(Instance shop) {
		return Map.of(ShopContainers.DEPLOYMENT_LABEL, "demo", ShopContainers.INSTANCE_LABEL, shop.id().value());
	}

	/** Whether the watcher has looked the shop up and finished with it. */
	private boolean handled(Instance shop) {
		Thread handler = this.handlers.get(shop.id());
		return handler != null && !handler.isAlive();
	}

	private double deadContainersRepaired() {
		Counter repaired = this.meters.find("demo.reconcile.actions").tag("kind", "dead_container").counter();
		return (repaired != null) ? repaired.count() : 0;
	}

}
