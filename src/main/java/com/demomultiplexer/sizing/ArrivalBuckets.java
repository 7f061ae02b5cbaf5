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

	/** The demand at {@code nowEpochSecond}, from the counts by bucket. */
	public Demand demand(Map<Long, Long> countsByBucket, long nowEpochSecond) {
		return new Demand(sumSince(countsByBucket, nowEpochSecond - this.shortWindow.toSeconds()), this.shortWindow,
				sumSince(countsByBucket, nowEpochSecond - this.longWindow.toSeconds()), this.longWindow);
	}

	/** Whether a bucket is too old for either window, and may be forgotten. */
	public boolean forgotten(long bucket, long nowEpochSecond) {
		return bucket + WIDTH <= nowEpochSecond - this.longWindow.toSeconds();
	}

	private static long sumSince(Map<Long, Long> countsByBucket, long since) {
		return countsByBucket.entrySet()
			.stream()
			.filter((bucket) -> bucket.getKey() > since - WIDTH)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
