package com.demomultiplexer.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.http.ResponseEntity;

/**
 * The demo API's contract, as published in the OpenAPI document (/v3/api-docs,
 * /swagger-ui.html, docs/openapi.json). Every error is an RFC 9457 problem
 * (application/problem+json), one of the {@link ProblemResponses}.
 */
@Tag(name = "Demos", description = "Start a demo shop, then look at, extend or end it with its owner token")
interface DemoApi {

	String JSON = "application/json";

	String ACQUIRED = """
			{"id": "k3vq7mz2xw5tjr4nbc6d", "state": "assigned",
			 "url": "http://k3vq7mz2xw5tjr4nbc6d.demo.localhost/",
			 "adminUrl": "http://k3vq7mz2xw5tjr4nbc6d.demo.localhost/admin-dev/",
			 "adminEmail": "demo@demo.localhost", "adminPassword": "Kx4pQ9vLm2Rt",
			 "expiresAt": "2026-11-28T18:00:00Z", "maxExpiresAt": "2026-11-28T19:30:00Z", "extensionsLeft": 3,
			 "token": "wq1o3Yc9xJk2V8sR0b7nHq5eZt4uLmPa6dGfNhC2Ks-"}""";

	String EXTENDED = """
			{"id": "k3vq7mz2xw5tjr4nbc6d", "state": "assigned",
			 "url": "http://k3vq7mz2xw5tjr4nbc6d.demo.localhost/",
			 "adminUrl": "http://k3vq7mz2xw5tjr4nbc6d.demo.localhost/admin-dev/",
			 "adminEmail": "demo@demo.localhost", "adminPassword": "Kx4pQ9vLm2Rt",
			 "expiresAt": "2026-11-28T18:15:00Z", "maxExpiresAt": "2026-11-28T19:30:00Z", "extensionsLeft": 2}""";

	@Operation(summary = "Start a demo", description = """
			Hands out a ready shop at once. The response carries the owner token: keep it, every \
			other call about this demo needs it. Limited per client address (hourly, daily, live).""")
	@SecurityRequirements
	@ApiResponse(responseCode = "201", description = "The demo, with its owner token", headers = {
			@Header(name = "Location", description = "The demo's URL in this API",
					schema = @Schema(type = "string", format = "uri-reference",
							example = "/api/v1/demo/k3vq7mz2xw5tjr4nbc6d")),
			// Spelled out, not referred to: springdoc would add a style beside the $ref.
			@Header(name = OpenApiConfiguration.RATE_LIMIT_POLICY,
					description = OpenApiConfiguration.RATE_LIMIT_POLICY_DESCRIPTION,
					schema = @Schema(type = "string", example = OpenApiConfiguration.RATE_LIMIT_POLICY_EXAMPLE)),
			@Header(name = OpenApiConfiguration.RATE_LIMIT, description = OpenApiConfiguration.RATE_LIMIT_DESCRIPTION,
					schema = @Schema(type = "string", example = OpenApiConfiguration.RATE_LIMIT_EXAMPLE)) },
			content = @Content(mediaType = JSON, schema = @Schema(implementation = AcquireResponse.class),
					examples = @ExampleObject(value = ACQUIRED)))
	@ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_WAIT)
	@ApiResponse(responseCode = "429", ref = ProblemResponses.OVER_LIMIT)
	@ApiResponse(responseCode = "503", ref = ProblemResponses.POOL_EMPTY)
	ResponseEntity<AcquireResponse> acquire(
			@Parameter(description = "Seconds to wait for a shop when none is ready (0 to POOL_MAX_WAIT)",
					schema = @Schema(type = "integer", format = "int32", minimum = "0",
							defaultValue = "0")) int waitSeconds,
			@Parameter(hidden = true) HttpServletRequest request) throws InterruptedException;

	@Operation(summary = "Look at a demo", security = @SecurityRequirement(name = OpenApiConfiguration.OWNER_TOKEN))
	@ApiResponse(responseCode = "200", description = "The demo")
	@ApiResponse(responseCode = "400", ref = ProblemResponses.MALFORMED_ID)
	@ApiResponse(responseCode = "401", ref = ProblemResponses.NO_TOKEN)
	@ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
	DemoResponse find(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(hidden = true) String authorization);

	@Operation(summary = "Extend a demo", security = @SecurityRequirement(name = OpenApiConfiguration.OWNER_TOKEN),
			description = "Adds minutes to the expiry, within the lifetime cap and the number of extensions.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = JSON, examples = @ExampleObject(value = "{\"minutes\": 15}")))
	@ApiResponse(responseCode = "200", description = "The demo with its new expiry",
			content = @Content(mediaType = JSON, schema = @Schema(implementation = DemoResponse.class),
					examples = @ExampleObject(value = EXTENDED)))
	@ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_EXTENSION)
	@ApiResponse(responseCode = "401", ref = ProblemResponses.NO_TOKEN)
	@ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ProblemResponses.ENDED)
	@ApiResponse(responseCode = "413", ref = ProblemResponses.TOO_LARGE)
	@ApiResponse(responseCode = "415", ref = ProblemResponses.NOT_JSON)
	@ApiResponse(responseCode = "422", ref = ProblemResponses.PAST_CAP)
	DemoResponse extend(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(hidden = true) String authorization, ExtendRequest extension);

	@Operation(summary = "End a demo now", security = @SecurityRequirement(name = OpenApiConfiguration.OWNER_TOKEN))
	@ApiResponse(responseCode = "204", description = "Ended; the shop is destroyed")
	@ApiResponse(responseCode = "400", ref = ProblemResponses.MALFORMED_ID)
	@ApiResponse(responseCode = "401", ref = ProblemResponses.NO_TOKEN)
	@ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
	ResponseEntity<Void> release(@Parameter(schema = @Schema(type = "string", pattern = "[a-z2-7]{20}")) InstanceId id,
			@Parameter(hidden = true) String authorization);

}
