package com.demomultiplexer.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How shop routes get into Caddy.
 *
 * @param adminUrl CADDY_ADMIN_URL: Caddy's admin API
 * @param serverName CADDY_SERVER_NAME: the HTTP server in Caddy's config that holds shop
 * routes
 * @param listen CADDY_LISTEN: the address that server listens on, when the service has to
 * create it
 * @param upstreamHost CADDY_UPSTREAM_HOST: the address Caddy dials to reach published
 * shop ports
 * @param timeout CADDY_TIMEOUT: longest wait for one admin call (each change reloads
 * Caddy's config)
 * @param apiUpstream CADDY_API_UPSTREAM: where Caddy reaches this service's API
 * @param trustedProxies CADDY_TRUSTED_PROXIES: comma-separated CIDR ranges of proxies in
 * front of Caddy (a CDN, a load balancer) whose X-Forwarded-For Caddy extends and whose
 * X-Forwarded-Proto it passes on to shops; from anyone else Caddy replaces them with the
 * peer's address and scheme. Empty: Caddy is the edge.
 */
@Validated
@ConfigurationProperties("caddy")
public record CaddyProperties(@NotNull URI adminUrl,
		@Pattern(regexp = "[A-Za-z0-9_-]+",
				message = "must be letters, digits, dashes or underscores") String serverName,
		@NotBlank String listen, @NotBlank String upstreamHost, @NotNull Duration timeout, @NotBlank String apiUpstream,
		@NotNull List<String> trustedProxies) {
}
