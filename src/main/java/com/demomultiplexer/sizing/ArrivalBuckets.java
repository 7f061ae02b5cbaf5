package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.Map;

/**
 * Arrivals counted in buckets of {@link #WIDTH} seconds, keyed by the epoch second each
 * bucket starts at, as the acquire script counts them in Valkey: the windows of a
 * {@link Demand} are sums of the buckets that started within them, over the time those
 * buckets cover.
 */
public record ArrivalBuckets(Duration shortWindow, Duration longWindow) {

	/** Seconds per bucket: fine enough for a one-minute window, few enough to read. */
	public static final long WIDTH = 10;

	/** The bucket an arrival at {@code epochSecond} counts in. */
	public static long bucketOf(long epochSecond) {
		return epochSecond - Math.floorMod(epochSecond, WIDTH);
	}

	/**
	 * The demand at the counts' time. Each window takes the buckets that started within
	 * it, and its rate is over the time those buckets cover, up to the current second:
	 * between one bucket less than the window and the whole window.
	 */
	public Demand demand(Arrivals arrivals) {
		long now = arrivals.nowEpochSecond();
		long shortStart = firstBucketWithin(now, this.shortWindow);
		long longStart = firstBucketWithin(now, this.longWindow);
		return new Demand(sumSince(arrivals.byBucket(), shortStart), Duration.ofSeconds(now + 1 - shortStart),
				sumSince(arrivals.byBucket(), longStart), Duration.ofSeconds(now + 1 - longStart));
	}

	/** The start of the oldest bucket that started within {@code window} of now. */
	private static long firstBucketWithin(long now, Duration window) {
		return bucketOf(now - window.toSeconds()) + WIDTH;
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
