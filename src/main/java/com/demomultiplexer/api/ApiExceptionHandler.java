package com.demomultiplexer.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.store.StoreUnavailableException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own errors and our {@link org.springframework.web.ErrorResponse}
 * exceptions become problem+json through the base class; anything unexpected becomes a
 * 500 problem that reveals nothing of the cause, which is logged instead.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final int STORE_RETRY_AFTER_SECONDS = 5;

	/**
	 * A path or parameter that does not convert (a malformed instance id) says why it was
	 * refused.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String reason = (cause instanceof IllegalArgumentException) ? cause.getMessage() : "it has the wrong format";
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "a parameter";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Invalid " + name + ": " + reason + ".");
		problem.setTitle("Invalid request");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * Valkey is down: nothing can be handed out or changed until it is back, which is
	 * temporary.
	 */
	@ExceptionHandler(StoreUnavailableException.class)
	ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException ex) {
		log.warn("Request refused: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The demo service cannot reach its state store right now. Please retry shortly.");
		problem.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(STORE_RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Request failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed; it has been logged.");
		problem.setTitle("Internal error");
		return problem;
	}

}
