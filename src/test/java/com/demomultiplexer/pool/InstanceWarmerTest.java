package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ShopDatabaseTls;
import com.demomultiplexer.config.ShopNetworkProperties;
import com.demomultiplexer.config.WarmupBackoffProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.ShopReadiness;
import com.demomultiplexer.container.ShopUpstreams;
import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.container.WarmupFailedException.Reason;
import com.demomultiplexer.database.ShopDatabase;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceEvent;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.proxy.RouteManager;
import com.demomultiplexer.leadership.LeadershipChanged;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.FencedException;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Settings;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What a warm-up does in each outcome, with the engine, proxy and store replaced by
 * mocks.
 */
class InstanceWarmerTest {

	private static final Fence FENCE = new Fence("7 leader");

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final ContainerRuntime runtime = mock(ContainerRuntime.class);

	private final ShopReadiness readiness = mock(ShopReadiness.class);

	private final RouteManager routes = mock(RouteManager.class);

	/** Where a shop is reached: its container's name and host port both count. */
	private final ShopUpstreams upstreams = (name, hostPort) -> name + ".upstream:" + hostPort;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final PublicUrlProperties publicUrls = new PublicUrlProperties("demo.localhost", "http", 80);

	private final ShopContainers containers = new ShopContainers(
			new ContainerProperties(ContainerProperties.Mode.DOCKER, "", "shop:1", 20000, 20009, "127.0.0.1",
					DataSize.ofMegabytes(512), 1, 256, List.of("NET_BIND_SERVICE"), DataSize.ofMegabytes(10),
					Duration.ofSeconds(60), List.of()),
			new DeploymentProperties("demo"), this.publicUrls, Settings.shopDatabase("172.30.0.1", "shop_"),
			new ShopNetworkProperties("demo-shops", "172.30.0.0/24"),
			new ShopDatabaseTls(Settings.shopDatabase("172.30.0.1", "shop_")));

	private final ShopDatabases databases = mock(ShopDatabases.class);

	private final ShopDatabase database = new ShopDatabase("shop_x", "shop_x", "DbPassword1");

	private final RetryAfterEstimator retryAfter = mock(RetryAfterEstimator.class);

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final WarmupBackoff backoff = new WarmupBackoff(
			new WarmupBackoffProperties(Duration.ofSeconds(1), Duration.ofSeconds(60), 5), this.clock, this.meters);

	private final WarmupsInFlight warmups = new WarmupsInFlight();

	private InstanceTeardown teardown;

	private InstanceWarmer warmer;

	private InstanceWarmer.Reservation reservation;

	@BeforeEach
	void setUp() {
		PoolMetrics metrics = new PoolMetrics(this.meters);
		this.teardown = new InstanceTeardown(this.instances, this.runtime, this.routes, this.containers, this.databases,
				metrics, this.warmups, this.clock);
		this.warmer = new InstanceWarmer(this.instances, this.runtime, this.readiness, this.routes, this.upstreams,
				this.containers, this.publicUrls, this.teardown, metrics, this.databases,
				Settings.shopDatabase("172.17.0.1", "shop_"), this.retryAfter, this.backoff, this.warmups,
				Settings.pool(), this.clock);
		given(this.instances.reserve(any(), eq(NOW), any(), eq(FENCE))).willReturn(Optional.of(20003));
		this.reservation = this.warmer.reserve(FENCE).orElseThrow();
		given(this.databases.create(this.reservation.id())).willReturn(this.database);
	}

	@Test
	void aShopThatGetsReadyIsRoutedAndThenPutInThePool() throws Exception {
		InstanceId id = this.reservation.id();
		given(this.instances.markReady(id, NOW, FENCE)).willReturn(true);

		this.warmer.warm(this.reservation);

		var order = inOrder(this.runtime, this.readiness, this.routes, this.instances);
		order.verify(this.runtime).start(this.containers.spec(id, 20003, this.database, this.reservation.backOffice()));
		order.verify(this.readiness).await("demo-" + id, 20003, id + ".demo.localhost", Duration.ofSeconds(60));
		order.verify(this.routes).add(id, id + ".demo.localhost", "demo-" + id + ".upstream:20003");
		order.verify(this.instances).markReady(id, NOW, FENCE);
		verify(this.runtime, never()).remove(anyString());
		assertThat(this.meters.get("demo.warmup").timer().count()).isOne();
		verify(this.retryAfter).warmupTook(Duration.ZERO);
	}

	@Test
	void aShopEndedElsewhereWhileBootingIsTornDownByItsWarmer() throws Exception {
		InstanceId id = this.reservation.id();
		Instance released = new Instance(id, InstanceState.RELEASED, 20003, NOW, null, null, null, 0, null, null);
		// Force-released through another replica (whose event did not arrive): refused a
		// place in the pool.
		given(this.instances.markReady(id, NOW, FENCE)).willReturn(false);
		given(this.instances.find(id)).willReturn(Optional.of(released));

		this.warmer.warm(this.reservation);

		var order = inOrder(this.routes, this.instances, this.runtime, this.databases);
		order.verify(this.routes).add(id, id + ".demo.localhost", "demo-" + id + ".upstream:20003");
		order.verify(this.instances).markReady(id, NOW, FENCE);
		order.verify(this.routes).remove(id);
		order.verify(this.runtime).remove("demo-" + id);
		order.verify(this.databases).drop(id);
		order.verify(this.instances).forget(id);
		assertThat(this.meters.find("demo.warmup").timers().stream().mapToLong(Timer::count).sum())
			.as("not counted as warmed up")
			.isZero();
		assertThat(this.meters.find("demo.warmup.failures").counters()).as("not a failure of the shop").isEmpty();
		verify(this.retryAfter, never()).warmupTook(any());
	}

	@Test
	void aShopEndedThroughAReplicaWhereItsWarmupDoesNotRunIsLeftToItsWarmer() {
		InstanceId id = this.reservation.id();

		assertThat(releaseOnAnotherReplica(id, null)).isTrue();

		verify(this.routes, never()).remove(any());
		verify(this.runtime, never()).remove(anyString());
		verify(this.databases, never()).drop(any());
		verify(this.instances, never()).forget(any());
	}

	@Test
	void aShopThatWasReadyIsTornDownByWhoeverEndsIt() {
		InstanceId id = this.reservation.id();

		assertThat(releaseOnAnotherReplica(id, NOW)).isTrue();

		verify(this.runtime).remove("demo-" + id);
		verify(this.instances).forget(id);
	}

	@Test
	void theEventOfAnEndThroughAnotherReplicaStopsTheWarmupAtItsNextStep() throws Exception {
		InstanceId id = this.reservation.id();

		warmCancelledWhileProbing(InstanceState.RELEASED,
				() -> this.warmups.onEnded(new InstanceEvent.Ended(id, InstanceState.RELEASED)));

		verify(this.instances).forget(id);
	}

	@Test
	void theContainerIsHandedItsDomainAndDatabase() {
		var spec = this.containers.spec(this.reservation.id(), 20003, this.database, this.reservation.backOffice());

		assertThat(spec.environment()).containsEntry("PS_DOMAIN", this.reservation.id() + ".demo.localhost")
			.containsEntry("MYSQL_HOST", "172.30.0.1")
			.containsEntry("MYSQL_PORT", "3306")
			.containsEntry("MYSQL_DATABASE", "shop_x")
			.containsEntry("MYSQL_USER", "shop_x")
			.containsEntry("MYSQL_PASSWORD", "DbPassword1")
			.containsEntry("ADMIN_MAIL_OVERRIDE", "demo@demo.localhost")
			.containsEntry("ADMIN_PASSWORD_OVERRIDE", this.reservation.backOffice().password());
		assertThat(this.reservation.backOffice().password()).matches("[A-Za-z0-9]{16}");
		assertThat(spec.labels()).containsEntry(ShopContainers.INSTANCE_LABEL, this.reservation.id().value())
			.containsEntry(ShopContainers.DEPLOYMENT_LABEL, "demo");
		assertThat(spec.network()).isEqualTo("demo-shops");
		assertThat(spec.confinement().nanoCpus()).isEqualTo(1_000_000_000L);
		assertThat(spec.confinement().capabilities()).containsExactly("NET_BIND_SERVICE");
	}

	@Test
	void aShopThatTimesOutIsTornDownAndItsPortFreed() throws Exception {
		InstanceId id = this.reservation.id();
		willThrow(new WarmupFailedException(Reason.TIMEOUT, "no answer", null)).given(this.readiness)
			.await(anyString(), anyInt(), anyString(), any());
		givenEndingSucceeds(id);

		this.warmer.warm(this.reservation);

		verify(this.routes, never()).add(any(), anyString(), anyString());
		verify(this.routes).remove(id);
		verify(this.runtime).remove("demo-" + id);
		verify(this.databases).drop(id);
		verify(this.instances).forget(id);
		verify(this.instances, never()).markReady(any(), any(), any());
		assertThat(this.meters.get("demo.warmup.failures").tag("reason", "timeout").counter().count()).isOne();
		assertThat(this.backoff.state().consecutiveFailures()).isOne();
	}

	@Test
	void aContainerThatCannotStartIsCountedAndCleanedUp() {
		InstanceId id = this.reservation.id();
		willThrow(new IllegalStateException("image missing")).given(this.runtime).start(any());
		givenEndingSucceeds(id);

		this.warmer.warm(this.reservation);

		verify(this.instances).forget(id);
		assertThat(this.meters.get("demo.warmup.failures").tag("reason", "start_failed").counter().count()).isOne();
	}

	@Test
	void aRouteCaddyRefusesFailsTheWarmUp() {
		InstanceId id = this.reservation.id();
		willThrow(new IllegalStateException("caddy down")).given(this.routes).add(any(), anyString(), anyString());
		givenEndingSucceeds(id);

		this.warmer.warm(this.reservation);

		verify(this.runtime).remove("demo-" + id);
		verify(this.instances).forget(id);
		verify(this.instances, never()).markReady(any(), any(), any());
	}

	@Test
	void aTeardownCutShortKeepsTheRecordForTheReaper() throws Exception {
		InstanceId id = this.reservation.id();
		willThrow(new WarmupFailedException(Reason.EXITED, "exited", null)).given(this.readiness)
			.await(anyString(), anyInt(), anyString(), any());
		givenEndingSucceeds(id);
		willThrow(new IllegalStateException("docker down")).given(this.runtime).remove(anyString());

		this.warmer.warm(this.reservation);

		verify(this.instances, never()).forget(any());
	}

	@Test
	void aDatabaseThatCannotBeCreatedFailsTheWarmUpBeforeAnyContainerStarts() {
		InstanceId id = this.reservation.id();
		willThrow(new org.springframework.dao.DataAccessResourceFailureException("mariadb down")).given(this.databases)
			.create(id);
		givenEndingSucceeds(id);

		this.warmer.warm(this.reservation);

		verify(this.runtime, never()).start(any());
		verify(this.databases).drop(id);
		assertThat(this.meters.get("demo.warmup.failures").tag("reason", "database_failed").counter().count()).isOne();
	}

	@Test
	void aWarmupWhoseReplicaLostTheLeadRemovesWhatItMadeAndLeavesTheRecordToTheNewLeader() throws Exception {
		InstanceId id = this.reservation.id();
		Instance warming = new Instance(id, InstanceState.WARMING, 20003, NOW, null, null, null, 0, null, null);
		given(this.instances.markReady(id, NOW, FENCE)).willThrow(new FencedException());
		given(this.instances.end(id, InstanceState.WARMING, InstanceState.FAILED, NOW, FENCE))
			.willThrow(new FencedException());
		given(this.instances.find(id)).willReturn(Optional.of(warming));

		this.warmer.warm(this.reservation);

		verify(this.instances).end(id, InstanceState.WARMING, InstanceState.FAILED, NOW, FENCE);
		verify(this.routes).remove(id);
		verify(this.runtime).remove("demo-" + id);
		verify(this.databases).drop(id);
		assertThat(this.meters.find("demo.warmup.failures").counters()).as("not a failure of the shop").isEmpty();
		assertThat(this.backoff.state().consecutiveFailures()).isZero();
	}

	@Test
	void aReplicaThatNoLongerLeadsCancelsItsWarmups() throws Exception {
		InstanceId id = this.reservation.id();

		warmCancelledWhileProbing(InstanceState.WARMING,
				() -> this.warmups.onLeadershipChanged(new LeadershipChanged(false, "another")));

		verify(this.databases).drop(id);
	}

	@Test
	void aWarmupThatGoesOnAfterTheNewLeaderForgotItsRecordStillRemovesWhatItMade() throws Exception {
		InstanceId id = this.reservation.id();
		// Frozen mid-warm-up, this replica lost the lead; the new leader ended the shop
		// and forgot its record. Thawed, the warm-up made its container before the lost
		// lead was announced here.
		given(this.instances.find(id)).willReturn(Optional.empty());
		willAnswer((invocation) -> {
			this.warmups.onLeadershipChanged(new LeadershipChanged(false, "another"));
			return null;
		}).given(this.readiness).await(anyString(), anyInt(), anyString(), any());

		this.warmer.warm(this.reservation);

		verify(this.runtime).start(any());
		verify(this.routes).remove(id);
		verify(this.runtime).remove("demo-" + id);
		verify(this.databases).drop(id);
		verify(this.instances, never()).forget(id);
	}

	@Test
	void aShopAnOperatorEndsWhileItBootsIsTornDownByItsWarmerOnceItStopsMakingThings() throws Exception {
		InstanceId id = this.reservation.id();
		Instance released = new Instance(id, InstanceState.RELEASED, 20003, NOW, null, null, null, 0, null, null);
		given(this.instances.end(id, null, InstanceState.RELEASED, NOW, Fence.NONE)).willReturn(Optional.of(released));
		given(this.instances.find(id)).willReturn(Optional.of(released));
		// The operator force-releases the shop while it boots; the probe then answers.
		willAnswer((invocation) -> {
			assertThat(this.teardown.end(id, null, InstanceState.RELEASED, Fence.NONE)).isTrue();
			return null;
		}).given(this.readiness).await(anyString(), anyInt(), anyString(), any());

		this.warmer.warm(this.reservation);

		verify(this.routes, never()).add(any(), anyString(), anyString());
		var order = inOrder(this.readiness, this.runtime, this.databases, this.instances);
		order.verify(this.readiness).await(anyString(), anyInt(), anyString(), any());
		order.verify(this.runtime).remove("demo-" + id);
		order.verify(this.databases).drop(id);
		order.verify(this.instances).forget(id);
		verify(this.instances).forget(id);
		verify(this.instances, never()).markReady(any(), any(), any());
		assertThat(this.meters.find("demo.warmup.failures").counters()).as("not a failure of the shop").isEmpty();
	}

	@Test
	void aShopEndedBetweenItsReservationAndItsWarmupIsTornDownByItsWarmerBeforeAnythingIsMade() {
		InstanceId id = this.reservation.id();
		Instance released = new Instance(id, InstanceState.RELEASED, 20003, NOW, null, null, null, 0, null, null);
		given(this.instances.end(id, null, InstanceState.RELEASED, NOW, Fence.NONE)).willReturn(Optional.of(released));
		given(this.instances.find(id)).willReturn(Optional.of(released));
		assertThat(this.teardown.end(id, null, InstanceState.RELEASED, Fence.NONE)).isTrue();
		verify(this.instances, never()).forget(id);

		this.warmer.warm(this.reservation);

		verify(this.databases, never()).create(any());
		verify(this.runtime, never()).start(any());
		verify(this.instances).forget(id);
	}

	@Test
	void anUnexpectedErrorMidWarmupIsCountedAndEverythingItMadeIsRemoved() throws Exception {
		InstanceId id = this.reservation.id();
		givenEndingSucceeds(id);
		willThrow(new IllegalStateException("engine went away")).given(this.readiness)
			.await(anyString(), anyInt(), anyString(), any());

		this.warmer.warm(this.reservation);

		verify(this.runtime).remove("demo-" + id);
		verify(this.databases).drop(id);
		verify(this.instances).forget(id);
		assertThat(this.meters.get("demo.warmup.failures").tag("reason", "error").counter().count()).isOne();
	}

	@Test
	void noFreePortMeansNoReservation() {
		given(this.instances.reserve(any(), eq(NOW), any(), eq(FENCE))).willReturn(Optional.empty());

		assertThat(this.warmer.reserve(FENCE)).isEmpty();
	}

	private void givenEndingSucceeds(InstanceId id) {
		given(this.instances.end(id, InstanceState.WARMING, InstanceState.FAILED, NOW, FENCE)).willReturn(
				Optional.of(new Instance(id, InstanceState.FAILED, 20003, NOW, null, null, null, 0, null, null)));
	}

	/**
	 * An operator's release of the shop through a replica where no warm-up of it runs;
	 * {@code readyAt} null for a shop ended while it warmed.
	 */
	private boolean releaseOnAnotherReplica(InstanceId id, Instant readyAt) {
		Instance released = new Instance(id, InstanceState.RELEASED, 20003, NOW, readyAt, null, null, 0, null, null);
		given(this.instances.end(id, null, InstanceState.RELEASED, NOW, Fence.NONE)).willReturn(Optional.of(released));
		InstanceTeardown anotherReplicas = new InstanceTeardown(this.instances, this.runtime, this.routes,
				this.containers, this.databases, new PoolMetrics(this.meters), new WarmupsInFlight(), this.clock);
		return anotherReplicas.end(id, null, InstanceState.RELEASED, Fence.NONE);
	}

	/**
	 * Warms the reserved shop, on record in {@code state}, while {@code cancel} happens
	 * as its readiness probe waits; then checks that it went no further and removed its
	 * container.
	 */
	private void warmCancelledWhileProbing(InstanceState state, Runnable cancel) throws Exception {
		InstanceId id = this.reservation.id();
		given(this.instances.find(id))
			.willReturn(Optional.of(new Instance(id, state, 20003, NOW, null, null, null, 0, null, null)));
		willAnswer((invocation) -> {
			cancel.run();
			return null;
		}).given(this.readiness).await(anyString(), anyInt(), anyString(), any());

		this.warmer.warm(this.reservation);

		verify(this.routes, never()).add(any(), anyString(), anyString());
		verify(this.instances, never()).markReady(any(), any(), any());
		verify(this.runtime).remove("demo-" + id);
	}

}
