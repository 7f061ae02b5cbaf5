package com.demomultiplexer.config;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import com.demomultiplexer.sizing.ArrivalBuckets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the pool's target is chosen (README, "A pool that sizes itself").
 *
 * @param targetMode POOL_TARGET_MODE: {@code fixed} (POOL_TARGET_SIZE, or what an
 * operator sets) or {@code adaptive} (from the measured demand and warm-up time)
 * @param emptyRisk POOL_EMPTY_RISK: the chance of an arrival finding the pool empty that
 * the adaptive target is sized for
 * @param shortWindow POOL_DEMAND_SHORT_WINDOW: the window a burst is seen in
 * @param longWindow POOL_DEMAND_LONG_WINDOW: the window the usual rate is measured over,
 * and that a burst is remembered for
 * @param shrinkPerMinute POOL_SHRINK_PER_MINUTE: how many shops a minute the adaptive
 * target may fall by, and surplus ready shops be retired
 */
@Validated
@ConfigurationProperties("pool.sizing")
public record PoolSizingProperties(@NotNull TargetMode targetMode,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) double emptyRisk,
		@NotNull Duration shortWindow, @NotNull Duration longWindow,
		@DecimalMin(value = "0", inclusive = false) double shrinkPerMinute) {

	public enum TargetMode {

		FIXED, ADAPTIVE

	}

	public boolean adaptive() {
		return this.targetMode == TargetMode.ADAPTIVE;
	}

	public ArrivalBuckets buckets() {
		return new ArrivalBuckets(this.shortWindow, this.longWindow);
	}

	@AssertTrue(message = "POOL_DEMAND_SHORT_WINDOW must be at least 10 s and shorter than POOL_DEMAND_LONG_WINDOW")
	boolean isShortWindowShorter() {
		return this.shortWindow == null || this.longWindow == null
				|| (this.shortWindow.toSeconds() >= 10 && this.shortWindow.compareTo(this.longWindow) < 0);
	}

}
