package com.demomultiplexer.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the replenisher reacts to failing warm-ups (engine down, image missing, shops that
 * never get ready): it waits longer after each failure, and after enough of them in a row
 * it pauses, trying one probe warm-up at a time until one succeeds.
 *
 * @param initial POOL_BACKOFF_INITIAL: the wait after a first failure; it doubles with
 * each next one
 * @param max POOL_BACKOFF_MAX: the longest wait, also the interval between probes while
 * paused
 * @param pauseAfter POOL_PAUSE_AFTER_FAILURES: consecutive failures that pause the
 * replenisher
 */
@Validated
@ConfigurationProperties("warmup-backoff")
public record WarmupBackoffProperties(@NotNull Duration initial, @NotNull Duration max, @Min(1) int pauseAfter) {
}
