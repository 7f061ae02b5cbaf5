package com.demomultiplexer.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /metrics} on the management port, for scrapers configured with that path; the
 * same text as {@code /actuator/prometheus}.
 */
@RestController
class MetricsController {

	private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

	private final PrometheusMeterRegistry prometheus;

	MetricsController(PrometheusMeterRegistry prometheus) {
		this.prometheus = prometheus;
	}

	@GetMapping("/metrics")
	ResponseEntity<String> metrics() {
		return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(this.prometheus.scrape());
	}

}
