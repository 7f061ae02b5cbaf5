package com.demomultiplexer.sizing;

import java.time.Duration;

/**
 * The settings the adaptive target follows.
 *
 * @param emptyRisk POOL_EMPTY_RISK: the chance of an arrival finding the pool empty that
 * the target is sized for
 * @param minSize POOL_MIN_SIZE: the lowest target
 * @param maxSize POOL_MAX_SIZE: the highest target
 * @param shrinkPerMinute POOL_SHRINK_PER_MINUTE: how fast the target may fall
 * @param replenishInterval POOL_REPLENISH_INTERVAL: a taken shop's warm-up starts at the
 * next round, so refilling takes up to this much longer than the warm-up
 */
public record SizingRules(double emptyRisk, int minSize, int maxSize, double shrinkPerMinute,
		Duration replenishInterval) {
}
