package com.demomultiplexer.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The status stream's contract, as published in the OpenAPI document.
 */
@Tag(name = "Demos")
interface StatusStreamApi {

	@Operation(summary = "Follow a demo's countdown (Server-Sent Events)",
			security = { @SecurityRequirement(name = OpenApiConfiguration.OWNER_TOKEN),
					@SecurityRequirement(name = OpenApiConfiguration.OWNER_TOKEN_QUERY) },
			description = """
					Events, each with JSON data: `tick` every second and `extended` when the expiry moves, both \
					{id, remainingSeconds, expiresAt}; then one of `expired`, `released`, `failed` ({id, state}) \
					and the stream closes. Comment lines keep the connection alive.""")
	@ApiResponse(responseCode = "200", description = "The event stream",
			content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string", example = """
					event:tick
					data:{"id":"k3vq7mz2xw5tjr4nbc6d","remainingSeconds":1799,"expiresAt":"2026-11-28T18:00:00Z"}
					""")))
	@ApiResponse(responseCode = "400", ref = ProblemResponses.MALFORMED_ID)
	@ApiResponse(responseCode = "401", ref = ProblemResponses.NO_TOKEN)
	@ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
	SseEmitter status(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			// The security schemes describe it, as the ?token= form of the owner token.
			@Parameter(hidden = true) String token, @Parameter(hidden = true) String authorization);

}
