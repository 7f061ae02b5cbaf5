package com.demomultiplexer.config;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Acquires allowed per client address.
 *
 * @param hourly RATE_LIMIT_HOURLY: acquires per client per hour
 * @param daily RATE_LIMIT_DAILY: acquires per client per day
 * @param live RATE_LIMIT_LIVE: shops one client may hold at once
 */
@Validated
@ConfigurationProperties("rate-limit")
public record RateLimitProperties(@Min(1) int hourly, @Min(1) int daily, @Min(1) int live) {
}
