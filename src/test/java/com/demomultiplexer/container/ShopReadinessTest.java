package com.demomultiplexer.container;

import java.time.Duration;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.support.SteppingClock;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The readiness loop's decisions, on a clock that only moves when the loop sleeps. Port 1
 * on loopback refuses connections, like a shop that has not opened port 80 yet.
 */
class ShopReadinessTest {

	private final ContainerRuntime runtime = mock(ContainerRuntime.class);

	private final SteppingClock clock = new SteppingClock();

	private final ShopReadiness readiness = new ShopReadiness(this.runtime,
			new ContainerProperties(ContainerProperties.Mode.DOCKER, "", "shop:1", 20000, 20009, "127.0.0.1",
					DataSize.ofMegabytes(64), 1, 64, List.of(), DataSize.ofMegabytes(10), Duration.ofSeconds(60)),
			this.clock, this.clock::advance);

	@Test
	void aShopThatKeepsRefusingTimesOutAtTheDeadline() {
		given(this.runtime.status("shop")).willReturn(new ContainerStatus(true, true, 0, false));

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await("shop", 1, "x.demo.localhost", Duration.ofSeconds(5)))
			.matches((ex) -> ex.reason() == WarmupFailedException.Reason.TIMEOUT)
			.withMessageContaining("within PT5S");
	}

	@Test
	void aContainerKilledForMemoryFailsAtOnceSayingSo() {
		given(this.runtime.status("shop")).willReturn(new ContainerStatus(true, false, 137, true));

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await("shop", 1, "x.demo.localhost", Duration.ofMinutes(5)))
			.matches((ex) -> ex.reason() == WarmupFailedException.Reason.EXITED)
			.withMessageContaining("exited with code 137 (OOM-killed)");
	}

}
