package com.demomultiplexer.pool;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No demo with this id is running (it never existed, or it has ended and been cleaned
 * up).
 */
public class InstanceNotFoundException extends ErrorResponseException {

	InstanceNotFoundException(InstanceId id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(InstanceId id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No running demo has the id " + id + ".");
		problem.setTitle("Demo not found");
		return problem;
	}

}
