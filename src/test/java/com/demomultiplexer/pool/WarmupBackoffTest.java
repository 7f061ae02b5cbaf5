package com.demomultiplexer.pool;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.WarmupBackoffProperties;
import com.demomultiplexer.container.WarmupFailedException.Reason;
import com.demomultiplexer.support.SteppingClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failing warm-ups are spaced out, paused and resumed, on a clock the test moves.
 */
class WarmupBackoffTest {

	private final SteppingClock clock = new SteppingClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final WarmupBackoff backoff = new WarmupBackoff(
			new WarmupBackoffProperties(Duration.ofSeconds(1), Duration.ofSeconds(8), 4), this.clock, this.meters);

	@Test
	void withoutFailuresEveryWantedWarmUpMayStart() {
		assertThat(this.backoff.allow(4)).isEqualTo(4);
		assertThat(this.backoff.allow(0)).isZero();
	}

	@Test
	void eachFailureInARowDoublesTheWaitUpToTheMaximum() {
		assertWaitAfterFailure(Duration.ofSeconds(1));
		assertWaitAfterFailure(Duration.ofSeconds(2));
		assertWaitAfterFailure(Duration.ofSeconds(4));
		assertThat(this.backoff.state().paused()).isFalse();
	}

	@Test
	void enoughFailuresInARowPauseToOneProbeAtATimeUntilOneSucceeds() {
		for (int i = 0; i < 4; i++) {
			this.backoff.failed(Reason.START_FAILED, "image missing");
		}
		assertThat(this.backoff.state().paused()).isTrue();
		assertThat(this.meters.get("demo.replenisher.paused").gauge().value()).isOne();

		this.clock.advance(Duration.ofSeconds(8));
		assertThat(this.backoff.allow(4)).as("one probe").isOne();
		assertThat(this.backoff.allow(4)).as("while the probe runs").isZero();
		this.clock.advance(Duration.ofSeconds(8));
		assertThat(this.backoff.allow(4)).as("the next probe, a whole interval later").isOne();

		this.backoff.succeeded();

		assertThat(this.backoff.state().paused()).isFalse();
		assertThat(this.backoff.allow(4)).isEqualTo(4);
		assertThat(this.meters.get("demo.replenisher.paused").gauge().value()).isZero();
	}

	private void assertWaitAfterFailure(Duration wait) {
		this.backoff.failed(Reason.TIMEOUT, "never answered");
		this.clock.advance(wait.minusMillis(1));
		assertThat(this.backoff.allow(2)).isZero();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.backoff.allow(2)).isEqualTo(2);
	}

}
