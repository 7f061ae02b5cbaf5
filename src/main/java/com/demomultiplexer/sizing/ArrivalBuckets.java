package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.Map;

/**
 * Arrivals counted in buckets of {@link #WIDTH} seconds, keyed by the epoch second each
 * bucket starts at, as the acquire script counts them in Valkey: the windows of a
 * {@link Demand} are sums of the buckets that overlap them, over the time those buckets
 * cover.
 */
public record ArrivalBuckets(Duration shortWindow, Duration longWindow) {

	/** Seconds per bucket: fine enough for a one-minute window, few enough to read. */
	public static final long WIDTH = 10;

	/** The bucket an arrival at {@code epochSecond} counts in. */
	public static long bucketOf(long epochSecond) {
		return epochSecond - Math.floorMod(epochSecond, WIDTH);
	}

	/**
	 * The demand at the counts' time. Each window takes the buckets that overlap it, the
	 * one it starts in included, and its rate is over the time those buckets cover, up to
	 * the current second: between the window and one bucket more, never a sliver of a
	 * bucket that would make a few arrivals look like a flood.
	 */
	public Demand demand(Arrivals arrivals) {
		long now = arrivals.nowEpochSecond();
		long shortStart = bucketOf(now - this.shortWindow.toSeconds());
		long longStart = bucketOf(now - this.longWindow.toSeconds());
		return new Demand(sumSince(arrivals.byBucket(), shortStart), Duration.ofSeconds(now + 1 - shortStart),
				sumSince(arrivals.byBucket(), longStart), Duration.ofSeconds(now + 1 - longStart));
	}

	/** How long counts must be kept for the long window. */
	public Duration kept() {
		return this.longWindow.plusSeconds(WIDTH);
	}

	/**
	 * Arrivals counted so far, as Valkey holds them.
	 *
	 * @param nowEpochSecond the counting clock's time now
	 * @param byBucket arrivals by the epoch second their bucket starts at
	 */
	public record Arrivals(long nowEpochSecond, Map<Long, Long> byBucket) {
	}

	private static long sumSince(Map<Long, Long> countsByBucket, long firstBucket) {
		return countsByBucket.entrySet()
			.stream()
			.filter((bucket) -> bucket.getKey() >= firstBucket)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
