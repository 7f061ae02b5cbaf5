package com.demomultiplexer.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The status stream's contract, as published in the OpenAPI document.
 */
@Tag(name = "Demos")
interface StatusStreamApi {

	@Operation(summary = "Follow a demo's countdown (Server-Sent Events)", description = """
			Events, each with JSON data: `tick` every second and `extended` when the expiry moves, both \
			{id, remainingSeconds, expiresAt}; then one of `expired`, `released`, `failed` ({id, state}) \
			and the stream closes. Comment lines keep the connection alive.""")
	@ApiResponse(responseCode = "200", description = "The event stream",
			content = @Content(mediaType = "text/event-stream"))
	@ApiResponse(responseCode = "401", description = "No owner token",
			content = @Content(mediaType = DemoApi.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No demo matches this id and token",
			content = @Content(mediaType = DemoApi.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	SseEmitter status(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(description = "The owner token (EventSource cannot send an Authorization header)") String token,
			@Parameter(hidden = true) String authorization);

}
