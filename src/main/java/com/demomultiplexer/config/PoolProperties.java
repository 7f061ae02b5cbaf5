package com.demomultiplexer.config;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How big the warm pool is and how long a shop lives.
 *
 * @param targetSize POOL_TARGET_SIZE: ready shops the replenisher keeps
 * @param minSize POOL_MIN_SIZE: the lowest target an operator may set
 * @param maxSize POOL_MAX_SIZE: containers alive at once (warming, ready, assigned,
 * ending)
 * @param defaultTtl POOL_DEFAULT_TTL: lifetime of a shop from acquire
 * @param maxTtl POOL_MAX_TTL: total lifetime a shop may reach through extensions
 * @param warmupConcurrency POOL_WARMUP_CONCURRENCY: warm-ups running at once
 * @param warmupTimeout POOL_WARMUP_TIMEOUT: time a container has to answer 200 to its own
 * host
 * @param firstRequestTimeout POOL_FIRST_REQUEST_TIMEOUT: how long one readiness probe
 * waits for the shop's answer. The first PHP request rebuilds PrestaShop's cache
 * (flashlight's nginx gives it 30 s), and the probe must wait for it rather than give up
 * and ask again, so that the prospect's first page is a warm one. A probe never waits
 * past the warm-up's deadline, so a value above POOL_WARMUP_TIMEOUT only means that one
 * does
 * @param replenishInterval POOL_REPLENISH_INTERVAL: pause between replenisher rounds
 * @param reapInterval POOL_REAP_INTERVAL: pause between reaper rounds
 * @param retryAfter POOL_RETRY_AFTER: what an empty pool tells clients to wait before any
 * warm-up was timed
 * @param maxExtensions POOL_MAX_EXTENSIONS: extensions allowed per shop
 * @param maxWait POOL_MAX_WAIT: longest an acquire may wait for a shop
 * ({@code ?waitSeconds=})
 */
@Validated
@ConfigurationProperties("pool")
public record PoolProperties(@Min(0) int targetSize, @Min(0) int minSize, @Min(1) @Max(10_000) int maxSize,
		@NotNull Duration defaultTtl, @NotNull Duration maxTtl, @Min(1) @Max(64) int warmupConcurrency,
		@NotNull Duration warmupTimeout, @NotNull Duration firstRequestTimeout, @NotNull Duration replenishInterval,
		@NotNull Duration reapInterval, @NotNull Duration retryAfter, @Min(0) int maxExtensions,
		@NotNull Duration maxWait) {

	@AssertTrue(message = "POOL_MIN_SIZE <= POOL_TARGET_SIZE <= POOL_MAX_SIZE must hold")
	boolean isTargetWithinBounds() {
		return this.minSize <= this.targetSize && this.targetSize <= this.maxSize;
	}

	@AssertTrue(message = "POOL_DEFAULT_TTL must be positive and not above POOL_MAX_TTL")
	boolean isTtlWithinBounds() {
		return this.defaultTtl == null || this.maxTtl == null
				|| (this.defaultTtl.isPositive() && this.defaultTtl.compareTo(this.maxTtl) <= 0);
	}

	@AssertTrue(message = "POOL_WARMUP_TIMEOUT must be positive")
	boolean isWarmupTimeoutPositive() {
		return this.warmupTimeout == null || this.warmupTimeout.isPositive();
	}

	@AssertTrue(message = "POOL_FIRST_REQUEST_TIMEOUT must be positive")
	boolean isFirstRequestTimeoutPositive() {
		return this.firstRequestTimeout == null || this.firstRequestTimeout.isPositive();
	}

}
