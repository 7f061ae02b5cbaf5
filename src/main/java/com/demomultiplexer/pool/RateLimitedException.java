package com.demomultiplexer.pool;

import java.time.Duration;

import com.demomultiplexer.store.AcquireRequest.ClientLimits;
import com.demomultiplexer.store.AcquireResult.ClientLimit;
import com.demomultiplexer.store.AcquireResult.ClientUsage;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The client is over one of its limits: 429 with Retry-After and RateLimit headers.
 */
public class RateLimitedException extends ErrorResponseException {

	RateLimitedException(ClientLimit limit, Duration retryAfter, ClientLimits limits, ClientUsage usage) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(limit, retryAfter, limits), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RateLimitHeaders.seconds(retryAfter));
		RateLimitHeaders.write(getHeaders(), limits, usage);
	}

	private static ProblemDetail problem(ClientLimit limit, Duration retryAfter, ClientLimits limits) {
		String detail = switch (limit) {
			case HOURLY -> "At most " + limits.hourly() + " demos per hour can be started from one address.";
			case DAILY -> "At most " + limits.daily() + " demos per day can be started from one address.";
			case LIVE -> "At most " + limits.live() + " demos can run at once for one address.";
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				detail + " Retry in " + RateLimitHeaders.seconds(retryAfter) + " seconds.");
		problem.setTitle("Too many demos");
		problem.setProperty("limit", limit.name().toLowerCase(java.util.Locale.ROOT));
		return problem;
	}

}
