package com.demomultiplexer;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shops that never get ready (their database address leads nowhere, so they wait forever,
 * as flashlight does): each warm-up times out and leaves no container, database or user
 * behind.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_WARMUP_TIMEOUT=2s", "MYSQL_HOST=192.0.2.1" })
class FailedWarmupCleanupIT {

	private static final Deployment deployment = new Deployment(24100);

	@Autowired
	MeterRegistry meters;

	@Autowired
	InstanceRepository instances;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void aWarmUpThatTimesOutLeavesNoContainerDatabaseOrUser() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.meters.find("demo.warmup.failures")
				.tag("reason", "timeout")
				.counters()
				.stream()
				.mapToDouble((counter) -> counter.count())
				.sum() >= 2);

		// A new warm-up may start between two looks; a moment when nothing changes will
		// come.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Set<String> before = warming();
			var databases = deployment.databaseIds();
			var containers = deployment.containers();
			assertThat(warming()).isEqualTo(before);
			assertThat(before).hasSizeLessThanOrEqualTo(1);
			assertThat(databases).as("only the warm-up in progress has a database").isSubsetOf(before);
			assertThat(containers).as("only the warm-up in progress has a container")
				.allSatisfy((container) -> assertThat(before)
					.contains(container.getLabels().get("demo-multiplexer.instance")));
		});
	}

	private Set<String> warming() {
		return this.instances.warmingSince(Instant.now().plusSeconds(60))
			.stream()
			.map(InstanceId::value)
			.collect(Collectors.toSet());
	}

}
