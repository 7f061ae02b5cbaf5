package com.demomultiplexer.proxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.demomultiplexer.domain.InstanceId;

/**
 * The pieces of Caddy JSON config we write, shaped as Caddy's admin API documents them.
 */
final class CaddyConfigs {

	static final String FALLBACK_PAGE = "This demo does not exist or has ended.\n";

	private CaddyConfigs() {
	}

	private static final String ROUTE_ID_PREFIX = "demo-";

	static String routeId(InstanceId id) {
		return ROUTE_ID_PREFIX + id.value();
	}

	/** The shop a route id names; empty for other routes. */
	static Optional<InstanceId> instanceOf(String routeId) {
		if (!routeId.startsWith(ROUTE_ID_PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new InstanceId(routeId.substring(ROUTE_ID_PREFIX.length())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	static String fallbackRouteId(String serverName) {
		return serverName + "-fallback";
	}

	static String apiRouteId(String serverName) {
		return serverName + "-api";
	}

	/**
	 * Sends the base domain to this service's API. Caddy flushes text/event-stream
	 * responses as they are written by itself, so status streams need no flush_interval;
	 * setting one (-1) would make Caddy 2.6 cut every request in flight on each config
	 * change (measured). Caddy sets X-Forwarded-For itself.
	 */
	static Map<String, Object> apiRoute(String serverName, String baseDomain, String dial) {
		return Map.of("@id", apiRouteId(serverName), "match", List.of(Map.of("host", List.of(baseDomain))), "handle",
				List.of(Map.of("handler", "reverse_proxy", "upstreams", List.of(Map.of("dial", dial)))), "terminal",
				true);
	}

	/**
	 * Sends one host to one upstream; Caddy passes the original Host header on by
	 * default.
	 */
	static Map<String, Object> shopRoute(InstanceId id, String host, String dial) {
		return Map.of("@id", routeId(id), "match", List.of(Map.of("host", List.of(host))), "handle",
				List.of(Map.of("handler", "reverse_proxy", "upstreams", List.of(Map.of("dial", dial)))), "terminal",
				true);
	}

	/** Answers hosts no shop owns; without it Caddy answers them with an empty 200. */
	static Map<String, Object> fallbackRoute(String serverName) {
		return Map.of("@id", fallbackRouteId(serverName), "handle", List.of(Map.of("handler", "static_response",
				"status_code", 404, "body", FALLBACK_PAGE, "headers", Map.of("Content-Type", List.of("text/plain")))),
				"terminal", true);
	}

	/**
	 * A plain-HTTP server: left alone, Caddy would turn on automatic HTTPS (and answer
	 * plain requests with 400) as soon as a route matches a host on a port other than 80.
	 * TLS, when wanted, is set up by the operator in front of or in Caddy (README,
	 * "TLS").
	 */
	static Map<String, Object> server(String listen, String serverName, Map<String, Object> apiRoute) {
		return Map.of("listen", List.of(listen), "routes", List.of(apiRoute, fallbackRoute(serverName)),
				"automatic_https", Map.of("disable", true));
	}

}
