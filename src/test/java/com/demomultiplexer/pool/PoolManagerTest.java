package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.store.InstanceRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.any;

class PoolManagerTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final InstanceTeardown teardown = mock(InstanceTeardown.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final PoolManager pool = new PoolManager(this.instances, this.teardown, new PoolMetrics(this.meters),
			new PoolProperties(3, 0, 10, Duration.ofMinutes(30), Duration.ofHours(2), 2, Duration.ofSeconds(60),
					Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(12)),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void acquireAssignsAShopUntilNowPlusTheDefaultTtl() {
		Instance assigned = new Instance(InstanceId.random(), InstanceState.ASSIGNED, 20000, NOW, NOW, NOW,
				NOW.plus(Duration.ofMinutes(30)));
		given(this.instances.acquire(NOW, NOW.plus(Duration.ofMinutes(30)))).willReturn(Optional.of(assigned));

		assertThat(this.pool.acquire()).isEqualTo(assigned);
		assertThat(this.meters.get("demo.acquire").tag("outcome", "hit").timer().count()).isOne();
	}

	@Test
	void anEmptyPoolIsA503WithRetryAfter() {
		given(this.instances.acquire(NOW, NOW.plus(Duration.ofMinutes(30)))).willReturn(Optional.empty());

		assertThatExceptionOfType(PoolEmptyException.class).isThrownBy(this.pool::acquire).satisfies((ex) -> {
			assertThat(ex.getStatusCode().value()).isEqualTo(503);
			assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("12");
		});
		assertThat(this.meters.get("demo.acquire").tag("outcome", "empty").timer().count()).isOne();
	}

	@Test
	void onlyAnAssignedShopCanBeReleased() {
		InstanceId id = InstanceId.random();
		given(this.instances.end(id, InstanceState.ASSIGNED, InstanceState.RELEASED, NOW)).willReturn(Optional.empty());

		assertThatExceptionOfType(InstanceNotFoundException.class).isThrownBy(() -> this.pool.release(id));
		verify(this.teardown, never()).destroy(any());
	}

	@Test
	void aShopNotYetHandedOutIsNobodysDemo() {
		InstanceId id = InstanceId.random();
		given(this.instances.find(id))
			.willReturn(Optional.of(new Instance(id, InstanceState.READY, 20000, NOW, NOW, null, null)));

		assertThatExceptionOfType(InstanceNotFoundException.class).isThrownBy(() -> this.pool.find(id));
	}

}
