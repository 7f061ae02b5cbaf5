package com.demomultiplexer.pool;

import java.time.Duration;

import com.demomultiplexer.store.AcquireRequest.ClientLimits;
import com.demomultiplexer.store.AcquireResult.ClientUsage;

import org.springframework.http.HttpHeaders;

/**
 * The client's acquire quota, as the IETF RateLimit header fields
 * (draft-ietf-httpapi-ratelimit-headers): {@code RateLimit-Policy} names the windows,
 * {@code RateLimit} says what remains in each.
 */
public final class RateLimitHeaders {

	private RateLimitHeaders() {
	}

	public static void write(HttpHeaders headers, ClientLimits limits, ClientUsage usage) {
		headers.set("RateLimit-Policy",
				"\"hourly\";q=" + limits.hourly() + ";w=3600, \"daily\";q=" + limits.daily() + ";w=86400");
		headers.set("RateLimit", "\"hourly\";r=" + Math.max(0, limits.hourly() - usage.hourly()) + ", \"daily\";r="
				+ Math.max(0, limits.daily() - usage.daily()));
	}

	/**
	 * Whole seconds, rounded up so a client that waits exactly this long is not refused
	 * again.
	 */
	static String seconds(Duration duration) {
		return String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000));
	}

}
