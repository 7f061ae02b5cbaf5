package com.demomultiplexer.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request about a demo without its owner token: 401, before the id is even looked up.
 */
class MissingTokenException extends ErrorResponseException {

	MissingTokenException() {
		super(HttpStatus.UNAUTHORIZED, problem(), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"This needs the demo's owner token, from the acquire response: 'Authorization: Bearer <token>' "
						+ "(or '?token=<token>' on the status stream).");
		problem.setTitle("Owner token required");
		return problem;
	}

	/** The token of an {@code Authorization: Bearer <token>} header. */
	static String bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				|| authorization.substring(7).isBlank()) {
			throw new MissingTokenException();
		}
		return authorization.substring(7).trim();
	}

	static String queryToken(String token) {
		if (token == null || token.isBlank()) {
			throw new MissingTokenException();
		}
		return token;
	}

}
