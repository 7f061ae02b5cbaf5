package com.demomultiplexer.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.core.io.ClassPathResource;

/**
 * The pieces of Caddy JSON config we write, shaped as Caddy's admin API documents them.
 */
final class CaddyConfigs {

	/**
	 * The page for hosts no shop owns (any more), with {@code {home}} for the signup
	 * page.
	 */
	private static final String ENDED_PAGE = read("caddy/demo-ended.html");

	private CaddyConfigs() {
	}

	/**
	 * A shop route's {@code @id}, {@code <deployment>-<instance id>}: ids are global in
	 * Caddy's config, and deployments may share one server, so each deployment's routes
	 * carry its name and each reconciler sees only its own. (Versions that knew one
	 * deployment only named every route {@code demo-<id>}: the same for the deployment
	 * {@code demo}.)
	 */
	static String routeId(String deployment, InstanceId id) {
		return deployment + "-" + id.value();
	}

	/**
	 * The shop a route id names, if the route is one of {@code deployment}'s shops; empty
	 * for other routes. The rest of the id must be a whole instance id, so the deployment
	 * {@code demo} does not take the routes of a deployment {@code demo-x} for its own.
	 */
	static Optional<InstanceId> instanceOf(String deployment, String routeId) {
		String prefix = deployment + "-";
		if (!routeId.startsWith(prefix)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new InstanceId(routeId.substring(prefix.length())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The server's last, catch-all route. Only a deployment of this service makes it, so
	 * it also tells another deployment that a server on its listener may be joined.
	 */
	static String fallbackRouteId(String serverName) {
		return serverName + "-fallback";
	}

	/**
	 * Each deployment's own, so that several can send their base domains to one server.
	 */
	static String apiRouteId(String deployment) {
		return deployment + "-api";
	}

	/**
	 * Headers a client could send to name its own address. Caddy passes them on untouched
	 * (it manages only X-Forwarded-*), so the API route deletes them: the service
	 * believes only X-Forwarded-For, which Caddy sets itself.
	 */
	static final List<String> CLIENT_ADDRESS_HEADERS = List.of("Forwarded", "X-Real-IP", "True-Client-IP",
			"CF-Connecting-IP", "Fastly-Client-IP", "X-Client-IP", "X-Cluster-Client-IP", "X-Original-Forwarded-For");

	/**
	 * How Caddy spreads API requests over the replicas: round robin, skipping a replica
	 * that does not answer its liveness probe ({@code /livez}, every second; a frozen
	 * process fails it) or that refused a connection in the last few seconds. A request
	 * whose connection is refused goes to the next replica, for up to five seconds; Caddy
	 * retries nothing that reached a replica, so an acquire is never sent twice.
	 */
	private static final Map<String, Object> API_LOAD_BALANCING = Map.of("selection_policy",
			Map.of("policy", "round_robin"), "try_duration", "5s", "try_interval", "250ms");

	private static final Map<String, Object> API_HEALTH_CHECKS = Map.of("active",
			Map.of("uri", "/livez", "interval", "1s", "timeout", "2s"), "passive", Map.of("fail_duration", "5s"));

	/**
	 * Sends the base domain to the API of every replica in {@code upstreams}. Caddy
	 * flushes text/event-stream responses as they are written by itself, so status
	 * streams need no flush_interval; setting one (-1) would make Caddy 2.6 cut every
	 * request in flight on each config change (measured). Caddy sets X-Forwarded-For
	 * itself: it replaces what a client sent with the client's address, unless the client
	 * is one of {@code trustedProxies} (a CDN or load balancer in front of Caddy), whose
	 * chain it extends.
	 */
	static Map<String, Object> apiRoute(String deployment, String baseDomain, List<String> upstreams,
			List<String> trustedProxies) {
		Map<String, Object> proxy = new LinkedHashMap<>();
		proxy.put("handler", "reverse_proxy");
		proxy.put("upstreams", upstreams.stream().map((dial) -> Map.of("dial", dial)).toList());
		proxy.put("load_balancing", API_LOAD_BALANCING);
		proxy.put("health_checks", API_HEALTH_CHECKS);
		proxy.put("headers", Map.of("request", Map.of("delete", CLIENT_ADDRESS_HEADERS)));
		if (!trustedProxies.isEmpty()) {
			proxy.put("trusted_proxies", trustedProxies);
		}
		return Map.of("@id", apiRouteId(deployment), "match", List.of(Map.of("host", List.of(baseDomain))), "handle",
				List.of(proxy), "terminal", true);
	}

	/**
	 * Sends one host to one upstream; Caddy passes the original Host header on by
	 * default. Caddy sets X-Forwarded-Proto to the scheme its client used, unless the
	 * client is one of {@code trustedProxies}, whose value it keeps: behind a proxy that
	 * terminates TLS in front of Caddy, that is how a shop with PUBLIC_SCHEME=https
	 * learns that the prospect came over HTTPS (else it would redirect them to https
	 * forever).
	 */
	static Map<String, Object> shopRoute(String deployment, InstanceId id, String host, String dial,
			List<String> trustedProxies) {
		Map<String, Object> proxy = new LinkedHashMap<>();
		proxy.put("handler", "reverse_proxy");
		proxy.put("upstreams", List.of(Map.of("dial", dial)));
		if (!trustedProxies.isEmpty()) {
			proxy.put("trusted_proxies", trustedProxies);
		}
		return Map.of("@id", routeId(deployment, id), "match", List.of(Map.of("host", List.of(host))), "handle",
				List.of(proxy), "terminal", true);
	}

	/**
	 * Answers hosts no shop owns with a 404 page that says the demo has ended and links
	 * to the signup page; without it Caddy answers them with an empty 200.
	 */
	static Map<String, Object> fallbackRoute(String serverName, URI home) {
		return Map.of("@id", fallbackRouteId(serverName), "handle",
				List.of(Map.of("handler", "static_response", "status_code", 404, "body", endedPage(home), "headers",
						Map.of("Content-Type", List.of("text/html; charset=utf-8")))),
				"terminal", true);
	}

	static String endedPage(URI home) {
		return ENDED_PAGE.replace("{home}", home.toString());
	}

	private static String read(String resource) {
		try {
			return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	/**
	 * A plain-HTTP server: left alone, Caddy would turn on automatic HTTPS (and answer
	 * plain requests with 400) as soon as a route matches a host on a port other than 80.
	 * TLS, when wanted, is set up by the operator in front of or in Caddy (README,
	 * "TLS").
	 */
	static Map<String, Object> server(String listen, Map<String, Object> apiRoute, Map<String, Object> fallbackRoute) {
		return Map.of("listen", List.of(listen), "routes", List.of(apiRoute, fallbackRoute), "automatic_https",
				Map.of("disable", true));
	}

}
