package com.demomultiplexer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.TestHttp;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Routes written to Caddy by the benchmark itself: the cold-start route, and inert routes
 * that make Caddy's config as large as a busy deployment's.
 */
final class CaddyRoutes {

	private static final String ADMIN = "http://127.0.0.1:2019";

	private static final String DUMMY = "bench-dummy-";

	private static final RestClient HTTP = TestHttp.client();

	private CaddyRoutes() {
	}

	static void add(Deployment deployment, String id, String host, int port) {
		HTTP.put()
			.uri(ADMIN + "/config/apps/http/servers/" + server(deployment) + "/routes/0")
			.contentType(MediaType.APPLICATION_JSON)
			.body(route(id, host, port))
			.retrieve()
			.toBodilessEntity();
	}

	static void remove(String id) {
		HTTP.delete().uri(ADMIN + "/id/" + id).retrieve().toBodilessEntity();
	}

	/** Appends {@code count} routes for hosts nobody uses, in one change. */
	static void addDummies(Deployment deployment, int count) {
		if (count == 0) {
			return;
		}
		List<Map<String, Object>> routes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			routes.add(route(DUMMY + i, "dummy-" + i + ".bench.invalid", 9));
		}
		HTTP.post()
			.uri(ADMIN + "/config/apps/http/servers/" + server(deployment) + "/routes/...")
			.contentType(MediaType.APPLICATION_JSON)
			.body(routes)
			.retrieve()
			.toBodilessEntity();
	}

	/** Takes every dummy route out again, in one change. */
	static void removeDummies(Deployment deployment) {
		String routes = ADMIN + "/config/apps/http/servers/" + server(deployment) + "/routes";
		List<Map<String, Object>> kept = HTTP.get()
			.uri(routes)
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.stream()
			.filter((route) -> !String.valueOf(route.get("@id")).startsWith(DUMMY))
			.toList();
		HTTP.patch().uri(routes).contentType(MediaType.APPLICATION_JSON).body(kept).retrieve().toBodilessEntity();
	}

	private static Map<String, Object> route(String id, String host, int port) {
		return Map.of("@id", id, "match", List.of(Map.of("host", List.of(host))), "handle",
				List.of(Map.of("handler", "reverse_proxy", "upstreams", List.of(Map.of("dial", "127.0.0.1:" + port)))),
				"terminal", true);
	}

	private static String server(Deployment deployment) {
		return deployment.environment().get("CADDY_SERVER_NAME");
	}

}
