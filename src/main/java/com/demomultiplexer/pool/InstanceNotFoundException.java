package com.demomultiplexer.pool;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No running demo matches the id and the owner token. One answer for an unknown id and a
 * wrong token, so the answer never tells whether an id exists.
 */
public class InstanceNotFoundException extends ErrorResponseException {

	InstanceNotFoundException() {
		super(HttpStatus.NOT_FOUND, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No running demo matches this id and owner token.");
		problem.setTitle("Demo not found");
		return problem;
	}

}
