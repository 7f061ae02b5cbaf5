package com.demomultiplexer.pool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.sizing.Demand;
import com.demomultiplexer.sizing.PoolSizer;
import com.demomultiplexer.support.InMemoryPoolSettings;
import com.demomultiplexer.support.InMemorySizingStore;
import com.demomultiplexer.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;

class PoolControlsTest {

	private final InMemoryPoolSettings settings = new InMemoryPoolSettings();

	private final InMemorySizingStore sizing = new InMemorySizingStore();

	@Test
	void anOperatorsTargetAppliesUntilClearedAndThenTheConfigurationsAgain() {
		PoolControls controls = new PoolControls(pool(1, 3, 10), this.settings, Settings.fixedSizing(),
				new InMemorySizingStore());
		assertThat(controls.target()).isEqualTo(3);

		controls.setTarget(7);
		assertThat(controls.target()).isEqualTo(7);

		controls.clearTarget();
		assertThat(controls.target()).isEqualTo(3);
	}

	@Test
	void aTargetSetUnderAnEarlierConfigurationStaysWithinTheBoundsOfTheCurrentOne() {
		new PoolControls(pool(0, 3, 10), this.settings, Settings.fixedSizing(), this.sizing).setTarget(9);
		assertThat(new PoolControls(pool(0, 3, 5), this.settings, Settings.fixedSizing(), this.sizing).target())
			.as("POOL_MAX_SIZE lowered to 5")
			.isEqualTo(5);

		new PoolControls(pool(0, 3, 10), this.settings, Settings.fixedSizing(), this.sizing).setTarget(1);
		assertThat(new PoolControls(pool(2, 3, 10), this.settings, Settings.fixedSizing(), this.sizing).target())
			.as("POOL_MIN_SIZE raised to 2")
			.isEqualTo(2);
	}

	@Test
	void adaptiveModeFollowsTheLeadersDecisionUnlessAnOperatorPinsTheTarget() {
		PoolControls controls = new PoolControls(pool(1, 3, 10), this.settings, Settings.adaptiveSizing(), this.sizing);
		assertThat(controls.target()).as("before any decision: POOL_TARGET_SIZE").isEqualTo(3);

		this.sizing.save(new PoolSizer.Decision(6, 6, new Demand(4, Duration.ofMinutes(1), 20, Duration.ofMinutes(15)),
				Duration.ofSeconds(31), 0.004));
		assertThat(controls.target()).isEqualTo(6);
		assertThat(controls.pinned()).isFalse();

		controls.setTarget(2);
		assertThat(controls.target()).isEqualTo(2);
		assertThat(controls.pinned()).isTrue();

		controls.clearTarget();
		assertThat(controls.target()).isEqualTo(6);
		assertThat(new PoolControls(pool(1, 3, 10), this.settings, Settings.fixedSizing(), this.sizing).target())
			.as("a decision left in Valkey does not apply in fixed mode")
			.isEqualTo(3);
	}

	private static PoolProperties pool(int min, int target, int max) {
		return new PoolProperties(target, min, max, Duration.ofMinutes(30), Duration.ofHours(2), 2,
				Duration.ofSeconds(60), Duration.ofSeconds(35), Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
	}

}
