package com.demomultiplexer.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /health} on the public port, for the clients that expect it there: the overall
 * status only, 200 when UP and 503 otherwise. The details (which dependency, where) are
 * on the management port, at {@code /actuator/health}.
 */
@RestController
@Tag(name = "Operations", description = "For load balancers and uptime checks")
class OperationsController {

	private final HealthEndpoint health;

	OperationsController(HealthEndpoint health) {
		this.health = health;
	}

	@Operation(summary = "Whether the service is up")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "Up",
			content = @Content(mediaType = DemoApi.JSON, schema = @Schema(implementation = HealthStatus.class),
					examples = @ExampleObject("{\"status\": \"UP\"}")))
	@ApiResponse(responseCode = "503", description = "Not up; the management port's /actuator/health says why",
			content = @Content(mediaType = DemoApi.JSON, schema = @Schema(implementation = HealthStatus.class),
					examples = @ExampleObject("{\"status\": \"DOWN\"}")))
	@GetMapping("/health")
	ResponseEntity<HealthStatus> health() {
		Status status = this.health.health().getStatus();
		return ResponseEntity.status(Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new HealthStatus(status.getCode()));
	}

	/**
	 * The overall status alone.
	 *
	 * @param status UP, DOWN, OUT_OF_SERVICE or UNKNOWN
	 */
	record HealthStatus(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String status) {
	}

}
