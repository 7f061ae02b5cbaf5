package com.demomultiplexer.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.InMemoryPoolSettings;
import com.demomultiplexer.support.InMemorySizingStore;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.support.SteppingClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Switching to adaptive sizing with nobody arriving: the target falls from
 * POOL_TARGET_SIZE at the shrink rate (2 a minute), and the ready shops above it are
 * retired at that pace, not one a round.
 */
class AdaptiveTargetTest {

	/** POOL_MIN_SIZE 1, POOL_TARGET_SIZE 8, POOL_MAX_SIZE 20, a round every 5 s. */
	private static final PoolProperties POOL = new PoolProperties(8, 1, 20, Duration.ofMinutes(30), Duration.ofHours(2),
			2, Duration.ofSeconds(60), Duration.ofSeconds(35), Duration.ofSeconds(5), Duration.ofSeconds(1),
			Duration.ofSeconds(10), 3, Duration.ofSeconds(30));

	private final InMemorySizingStore store = new InMemorySizingStore();

	private final InstanceRepository instances = mock(InstanceRepository.class);

	private final InstanceTeardown teardown = mock(InstanceTeardown.class);

	private final SteppingClock clock = new SteppingClock();

	private final PoolControls controls = new PoolControls(POOL, new InMemoryPoolSettings(), Settings.adaptiveSizing(),
			this.store);

	@Test
	void theTargetFallsFromPoolTargetSizeAtTheShrinkRateAndSurplusShopsGoAtThatPace() {
		List<Instance> ready = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ready.add(new Instance(InstanceId.random(), InstanceState.READY, 30000 + i, Instant.EPOCH, Instant.EPOCH,
					null, null, 0, null, null));
		}
		given(this.instances.counts()).willReturn(new PoolCounts(8, 0, 0, 0));
		given(this.instances.records()).willReturn(ready);
		given(this.teardown.end(any(), any(), any(), any())).willReturn(true);
		AdaptiveTarget adaptive = new AdaptiveTarget(this.store, this.instances, this.teardown, this.controls,
				Leases.leading(new Fence("1 test")), POOL, Settings.adaptiveSizing(), this.clock);
		assertThat(this.controls.target()).as("before the first decision: POOL_TARGET_SIZE").isEqualTo(8);

		rounds(adaptive, 2);
		assertThat(this.controls.target()).as("10 s in").isEqualTo(8);
		verify(this.teardown, times(0)).end(any(), any(), any(), any());

		rounds(adaptive, 12);
		assertThat(this.controls.target()).as("70 s in").isEqualTo(6);
		verify(this.teardown, times(2)).end(any(), any(), any(), any());
	}

	/** Rounds 5 s apart, as POOL_REPLENISH_INTERVAL has them. */
	private void rounds(AdaptiveTarget adaptive, int count) {
		for (int round = 0; round < count; round++) {
			adaptive.decide();
			this.clock.advance(Duration.ofSeconds(5));
		}
	}

}
