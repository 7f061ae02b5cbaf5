package com.demomultiplexer.pool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.support.InMemoryPoolSettings;

import static org.assertj.core.api.Assertions.assertThat;

class PoolControlsTest {

	private final InMemoryPoolSettings settings = new InMemoryPoolSettings();

	@Test
	void anOperatorsTargetAppliesUntilClearedAndThenTheConfigurationsAgain() {
		PoolControls controls = new PoolControls(pool(1, 3, 10), this.settings);
		assertThat(controls.target()).isEqualTo(3);

		controls.setTarget(7);
		assertThat(controls.target()).isEqualTo(7);

		controls.clearTarget();
		assertThat(controls.target()).isEqualTo(3);
	}

	@Test
	void aTargetSetUnderAnEarlierConfigurationStaysWithinTheBoundsOfTheCurrentOne() {
		new PoolControls(pool(0, 3, 10), this.settings).setTarget(9);
		assertThat(new PoolControls(pool(0, 3, 5), this.settings).target()).as("POOL_MAX_SIZE lowered to 5")
			.isEqualTo(5);

		new PoolControls(pool(0, 3, 10), this.settings).setTarget(1);
		assertThat(new PoolControls(pool(2, 3, 10), this.settings).target()).as("POOL_MIN_SIZE raised to 2")
			.isEqualTo(2);
	}

	private static PoolProperties pool(int min, int target, int max) {
		return new PoolProperties(target, min, max, Duration.ofMinutes(30), Duration.ofHours(2), 2,
				Duration.ofSeconds(60), Duration.ofSeconds(35), Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
	}

}
