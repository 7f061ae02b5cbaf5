package com.demomultiplexer.pool;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The demo is over (expired, released or failed): it can no longer be extended.
 */
public class DemoEndedException extends ErrorResponseException {

	DemoEndedException(String state) {
		super(HttpStatus.CONFLICT, problem(state), null);
	}

	private static ProblemDetail problem(String state) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"This demo has ended (" + state + ") and cannot be extended.");
		problem.setTitle("Demo ended");
		problem.setProperty("state", state);
		return problem;
	}

}
