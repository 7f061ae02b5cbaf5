package com.demomultiplexer.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The demo API's contract, as published in the OpenAPI document (/v3/api-docs,
 * /swagger-ui.html). Every error is an RFC 9457 problem (application/problem+json).
 */
@Tag(name = "Demos", description = "Start a demo shop, then look at, extend or end it with its owner token")
interface DemoApi {

	String PROBLEM = "application/problem+json";

	@Operation(summary = "Start a demo", description = """
			Hands out a ready shop at once. The response carries the owner token: keep it, every \
			other call about this demo needs it. Limited per client address (hourly, daily, live).""")
	@ApiResponse(responseCode = "201", description = "The demo, with its owner token",
			headers = { @Header(name = "Location", description = "The demo's URL in this API"),
					@Header(name = "RateLimit-Policy", description = "The client's quota windows"),
					@Header(name = "RateLimit", description = "What remains of each window") })
	@ApiResponse(responseCode = "400", description = "waitSeconds out of range",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "Over a limit; see Retry-After",
			headers = @Header(name = "Retry-After", description = "Seconds until an acquire can succeed"),
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "No shop is ready; see Retry-After",
			headers = @Header(name = "Retry-After", description = "Seconds until a shop is expected"),
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<AcquireResponse> acquire(
			@Parameter(
					description = "Seconds to wait for a shop when none is ready (0 to POOL_MAX_WAIT)") int waitSeconds,
			@Parameter(hidden = true) HttpServletRequest request) throws InterruptedException;

	@Operation(summary = "Look at a demo", security = @SecurityRequirement(name = "ownerToken"))
	@ApiResponse(responseCode = "200", description = "The demo")
	@ApiResponse(responseCode = "400", description = "Malformed id",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No owner token",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No demo matches this id and token",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	DemoResponse find(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(hidden = true) String authorization);

	@Operation(summary = "Extend a demo", security = @SecurityRequirement(name = "ownerToken"),
			description = "Adds minutes to the expiry, within the lifetime cap and the number of extensions.")
	@ApiResponse(responseCode = "200", description = "The demo with its new expiry")
	@ApiResponse(responseCode = "400", description = "Malformed id or body, minutes outside 1-1440",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No owner token",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No demo matches this id and token",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The demo has ended",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "Body too large",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Body is not application/json",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "Past a cap; maxMinutes says how many minutes can still be added",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	DemoResponse extend(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(hidden = true) String authorization, ExtendRequest extension);

	@Operation(summary = "End a demo now", security = @SecurityRequirement(name = "ownerToken"))
	@ApiResponse(responseCode = "204", description = "Ended; the shop is destroyed")
	@ApiResponse(responseCode = "400", description = "Malformed id",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No owner token",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No running demo matches this id and token",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<Void> release(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(hidden = true) String authorization);

}
