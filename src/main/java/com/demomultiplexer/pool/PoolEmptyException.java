package com.demomultiplexer.pool;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No shop is ready: 503 with a Retry-After estimated from recent warm-ups.
 */
public class PoolEmptyException extends ErrorResponseException {

	PoolEmptyException(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(retryAfter), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, RateLimitHeaders.seconds(retryAfter));
	}

	private static ProblemDetail problem(Duration retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"No demo shop is ready right now; more are starting. Retry in " + RateLimitHeaders.seconds(retryAfter)
						+ " seconds.");
		problem.setTitle("Pool empty");
		return problem;
	}

}
