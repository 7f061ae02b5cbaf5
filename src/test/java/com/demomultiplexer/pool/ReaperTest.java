package com.demomultiplexer.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.Settings;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Which shops the reaper ends, and with which ending.
 */
class ReaperTest {

	private static final Fence FENCE = new Fence("7 leader");

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final InstanceTeardown teardown = mock(InstanceTeardown.class);

	private final WarmupsInFlight warmups = new WarmupsInFlight();

	private final Reaper reaper = new Reaper(this.instances, this.teardown, this.warmups, Leases.leading(FENCE),
			Settings.pool(), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void anAssignedShopPastItsExpiryIsExpired() {
		InstanceId id = InstanceId.random();
		given(this.instances.assignedExpiredBy(NOW)).willReturn(List.of(id));

		this.reaper.reap();

		verify(this.teardown).end(id, InstanceState.ASSIGNED, InstanceState.EXPIRED, FENCE);
	}

	@Test
	void aWarmUpAbandonedForTwiceItsTimeoutIsFailed() {
		InstanceId id = InstanceId.random();
		given(this.instances.warmingSince(NOW.minus(Duration.ofSeconds(120)))).willReturn(List.of(id));

		this.reaper.reap();

		verify(this.teardown).end(id, InstanceState.WARMING, InstanceState.FAILED, FENCE);
	}

	@Test
	void aTeardownCutShortIsRetried() {
		InstanceId id = InstanceId.random();
		Instance released = new Instance(id, InstanceState.RELEASED, 20000, NOW, NOW, NOW, NOW, 0, null, null);
		given(this.instances.endingSince(NOW.minus(Reaper.TEARDOWN_RETRY_AFTER))).willReturn(List.of(id));
		given(this.instances.find(id)).willReturn(Optional.of(released));

		this.reaper.reap();

		verify(this.teardown).destroy(released);
	}

	@Test
	void aShopEndedWhileItsWarmupStillRunsHereIsLeftToItsWarmer() {
		InstanceId warming = InstanceId.random();
		InstanceId abandoned = InstanceId.random();
		given(this.instances.endingSince(NOW.minus(Reaper.TEARDOWN_RETRY_AFTER)))
			.willReturn(List.of(warming, abandoned));
		given(this.instances.find(any())).willAnswer((invocation) -> Optional.of(new Instance(invocation.getArgument(0),
				InstanceState.RELEASED, 20000, NOW, NOW, NOW, NOW, 0, null, null)));
		this.warmups.begin(warming);

		this.reaper.reap();

		verify(this.teardown, never()).destroy(argThat((instance) -> instance.id().equals(warming)));
		verify(this.teardown).destroy(argThat((instance) -> instance.id().equals(abandoned)));
	}

	@Test
	void nothingDueMeansNothingEnded() {
		this.reaper.reap();

		verifyNoInteractions(this.teardown);
	}

}
