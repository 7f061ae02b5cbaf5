package com.demomultiplexer.proxy;

import com.demomultiplexer.config.CaddyProperties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Up when Caddy's admin API answers: without it new shops cannot be routed.
 */
@Component
class CaddyHealthIndicator extends AbstractHealthIndicator {

	private final RouteManager routes;

	private final CaddyProperties caddy;

	CaddyHealthIndicator(RouteManager routes, CaddyProperties caddy) {
		this.routes = routes;
		this.caddy = caddy;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("admin", this.caddy.adminUrl().toString());
		this.routes.ping();
		builder.up();
	}

}
