package com.demomultiplexer.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /health} and {@code /metrics} at the root, for clients and scrapers that expect
 * them there; they answer what {@code /actuator/health} and {@code /actuator/prometheus}
 * answer.
 */
@RestController
class OperationsController {

	private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

	private final HealthEndpoint health;

	private final PrometheusMeterRegistry prometheus;

	OperationsController(HealthEndpoint health, PrometheusMeterRegistry prometheus) {
		this.health = health;
		this.prometheus = prometheus;
	}

	@GetMapping("/health")
	ResponseEntity<HealthDescriptor> health() {
		HealthDescriptor descriptor = this.health.health();
		HttpStatus status = Status.UP.equals(descriptor.getStatus()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
		return ResponseEntity.status(status).body(descriptor);
	}

	@GetMapping("/metrics")
	ResponseEntity<String> metrics() {
		return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(this.prometheus.scrape());
	}

}
