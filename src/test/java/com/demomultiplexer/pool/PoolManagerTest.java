package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.demomultiplexer.config.RateLimitProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.store.AcquireRequest;
import com.demomultiplexer.store.AcquireResult;
import com.demomultiplexer.store.AcquireResult.ClientLimit;
import com.demomultiplexer.store.AcquireResult.ClientUsage;
import com.demomultiplexer.store.ExtendResult;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.InMemoryPoolSettings;
import com.demomultiplexer.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The pool's decisions on acquire, extend and release, with the store replaced by a mock.
 */
class PoolManagerTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private static final ClientUsage USAGE = new ClientUsage(1, 1, 1);

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final InstanceTeardown teardown = mock(InstanceTeardown.class);

	private final RetryAfterEstimator retryAfter = mock(RetryAfterEstimator.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final PoolManager pool = new PoolManager(this.instances, this.teardown, new ReadyWaiters(Clock.systemUTC()),
			this.retryAfter, new PoolMetrics(this.meters), Settings.fixedControls(new InMemoryPoolSettings()),
			Settings.pool(), new RateLimitProperties(5, 20, 2), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void acquireAssignsAShopUntilNowPlusTheDefaultTtlBoundToAFreshToken() throws Exception {
		ArgumentCaptor<AcquireRequest> request = ArgumentCaptor.forClass(AcquireRequest.class);
		given(this.instances.acquire(request.capture())).willReturn(new AcquireResult.Granted(assigned(), USAGE));

		Grant grant = this.pool.acquire("192.0.2.1", Duration.ZERO);

		assertThat(request.getValue().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
		assertThat(request.getValue().client()).isEqualTo("192.0.2.1");
		assertThat(request.getValue().limits()).isEqualTo(new AcquireRequest.ClientLimits(5, 20, 2));
		assertThat(grant.token()).hasSizeGreaterThanOrEqualTo(43);
		assertThat(request.getValue().tokenHash()).isEqualTo(OwnerTokens.hash(grant.token()))
			.isNotEqualTo(grant.token());
		assertThat(this.meters.get("demo.acquire").tag("outcome", "hit").timer().count()).isOne();
	}

	@Test
	void anEmptyPoolIsA503WithTheEstimatedRetryAfter() {
		Instant warmupStarted = NOW.minusSeconds(2);
		given(this.instances.acquire(any())).willReturn(new AcquireResult.Empty(USAGE, Optional.of(warmupStarted)));
		given(this.retryAfter.nextReadyIn(Optional.of(warmupStarted))).willReturn(Duration.ofMillis(4200));

		assertThatExceptionOfType(PoolEmptyException.class).isThrownBy(() -> this.pool.acquire("c", Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(503);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("5");
			});
		assertThat(this.meters.get("demo.acquire").tag("outcome", "empty").timer().count()).isOne();
	}

	@Test
	void aClientOverItsLimitIsA429WithRetryAfterAndRateLimitHeaders() {
		given(this.instances.acquire(any())).willReturn(
				new AcquireResult.Limited(ClientLimit.HOURLY, Duration.ofSeconds(90), new ClientUsage(5, 7, 1)));

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.pool.acquire("c", Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(429);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("90");
				assertThat(ex.getHeaders().getFirst("RateLimit")).isEqualTo("\"hourly\";r=0, \"daily\";r=13");
				assertThat(ex.getHeaders().getFirst("RateLimit-Policy"))
					.isEqualTo("\"hourly\";q=5;w=3600, \"daily\";q=20;w=86400");
			});
	}

	@Test
	void aWaitingAcquireGetsTheShopThatBecomesReady() throws Exception {
		AcquireResult.Empty empty = new AcquireResult.Empty(USAGE, Optional.empty());
		given(this.instances.acquire(any())).willReturn(empty, empty, new AcquireResult.Granted(assigned(), USAGE));

		assertThat(this.pool.acquire("c", Duration.ofSeconds(5)).instance().state()).isEqualTo(InstanceState.ASSIGNED);
	}

	@Test
	void aWaitingAcquireIsOneArrivalHoweverOftenItTriesAgain() throws Exception {
		AcquireResult.Empty empty = new AcquireResult.Empty(USAGE, Optional.empty());
		ArgumentCaptor<AcquireRequest> attempts = ArgumentCaptor.forClass(AcquireRequest.class);
		given(this.instances.acquire(attempts.capture())).willReturn(empty, empty,
				new AcquireResult.Granted(assigned(), USAGE));

		this.pool.acquire("c", Duration.ofSeconds(5));

		assertThat(attempts.getAllValues()).extracting(AcquireRequest::arrival).containsExactly(true, false, false);
	}

	@Test
	void aWrongTokenLooksExactlyLikeAnUnknownId() {
		Instance instance = assigned();
		given(this.instances.find(instance.id())).willReturn(Optional.of(instance));

		assertThatExceptionOfType(InstanceNotFoundException.class)
			.isThrownBy(() -> this.pool.find(instance.id(), "not-the-token"))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail())
				.isEqualTo(new InstanceNotFoundException().getBody().getDetail()));
		assertThatExceptionOfType(InstanceNotFoundException.class)
			.isThrownBy(() -> this.pool.release(instance.id(), "not-the-token"));
		verify(this.teardown, never()).end(any(), any(), any(), any());
	}

	@Test
	void theRightTokenReleasesTheDemo() {
		Instance instance = assigned();
		given(this.instances.find(instance.id())).willReturn(Optional.of(instance));
		given(this.teardown.end(instance.id(), InstanceState.ASSIGNED, InstanceState.RELEASED, Fence.NONE))
			.willReturn(true);

		this.pool.release(instance.id(), "the-token");

		verify(this.teardown).end(instance.id(), InstanceState.ASSIGNED, InstanceState.RELEASED, Fence.NONE);
	}

	@Test
	void theRightTokenFindsTheDemo() {
		Instance instance = assigned();
		given(this.instances.find(instance.id())).willReturn(Optional.of(instance));

		assertThat(this.pool.find(instance.id(), "the-token")).isEqualTo(instance);
	}

	@Test
	void anExtensionPastTheCapSaysHowMuchIsLeft() {
		Instance instance = assigned();
		given(this.instances.find(instance.id())).willReturn(Optional.of(instance));
		given(this.instances.extend(instance.id(), Duration.ofMinutes(120), Duration.ofHours(2), 3, NOW))
			.willReturn(new ExtendResult.OverCap(NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofHours(2))));

		assertThatExceptionOfType(ExtensionRefusedException.class)
			.isThrownBy(() -> this.pool.extend(instance.id(), "the-token", Duration.ofMinutes(120)))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(422);
				assertThat(ex.getBody().getProperties()).containsEntry("maxMinutes", 90L);
			});
	}

	@Test
	void anEndedDemoCannotBeExtended() {
		Instance instance = assigned();
		given(this.instances.find(instance.id())).willReturn(Optional.of(instance));
		given(this.instances.extend(any(), any(), any(), anyInt(), any()))
			.willReturn(new ExtendResult.Ended("released"));

		assertThatExceptionOfType(DemoEndedException.class)
			.isThrownBy(() -> this.pool.extend(instance.id(), "the-token", Duration.ofMinutes(10)))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(409));
	}

	private static Instance assigned() {
		return new Instance(InstanceId.random(), InstanceState.ASSIGNED, 20000, NOW, NOW, NOW,
				NOW.plus(Duration.ofMinutes(30)), 0, new Instance.Owner("192.0.2.1", OwnerTokens.hash("the-token")),
				null);
	}

}
