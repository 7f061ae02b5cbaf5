package com.demomultiplexer.api;

import java.util.Map;

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
class OperationsController {

	private final HealthEndpoint health;

	OperationsController(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		Status status = this.health.health().getStatus();
		return ResponseEntity.status(Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("status", status.getCode()));
	}

}
