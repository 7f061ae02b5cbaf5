package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.Map;

/**
 * Arrivals counted in buckets of {@link #WIDTH} seconds, keyed by the epoch second each
 * bucket starts at, as the acquire script counts them in Valkey: the windows of a
 * {@link Demand} are sums of the buckets that started within them.
 */
public record ArrivalBuckets(Duration shortWindow, Duration longWindow) {

	/** Seconds per bucket: fine enough for a one-minute window, few enough to read. */
	public static final long WIDTH = 10;

	/** The bucket an arrival at {@code epochSecond} counts in. */
	public static long bucketOf(long epochSecond) {
		return epochSecond - Math.floorMod(epochSecond, WIDTH);
	}

	/** The demand at the counts' time. */
	public Demand demand(Arrivals arrivals) {
		long now = arrivals.nowEpochSecond();
		return new Demand(sumSince(arrivals.byBucket(), now - this.shortWindow.toSeconds()), this.shortWindow,
				sumSince(arrivals.byBucket(), now - this.longWindow.toSeconds()), this.longWindow);
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

	private static long sumSince(Map<Long, Long> countsByBucket, long since) {
		return countsByBucket.entrySet()
			.stream()
			.filter((bucket) -> bucket.getKey() > since - WIDTH)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
