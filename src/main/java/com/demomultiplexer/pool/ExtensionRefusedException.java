package com.demomultiplexer.pool;

import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An extension past the demo's caps: its lifetime cap (POOL_MAX_TTL from acquire) or its
 * number of extensions. The problem says how much is left, so a client can ask again for
 * what fits.
 */
public class ExtensionRefusedException extends ErrorResponseException {

	private ExtensionRefusedException(ProblemDetail problem) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
	}

	static ExtensionRefusedException overCap(Instant expiresAt, Instant maxExpiresAt) {
		long minutesLeft = Duration.between(expiresAt, maxExpiresAt).toMinutes();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"This demo can be extended by at most " + minutesLeft + " more minutes (until " + maxExpiresAt + ").");
		problem.setTitle("Extension too long");
		problem.setProperty("maxMinutes", minutesLeft);
		problem.setProperty("expiresAt", expiresAt);
		problem.setProperty("maxExpiresAt", maxExpiresAt);
		return new ExtensionRefusedException(problem);
	}

	static ExtensionRefusedException noExtensionsLeft(Instant expiresAt, int maxExtensions) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"This demo has used all " + maxExtensions + " of its extensions.");
		problem.setTitle("No extensions left");
		problem.setProperty("maxMinutes", 0);
		problem.setProperty("expiresAt", expiresAt);
		return new ExtensionRefusedException(problem);
	}

}
