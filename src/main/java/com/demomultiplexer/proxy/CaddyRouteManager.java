package com.demomultiplexer.proxy;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link RouteManager} on Caddy's admin API. Shop routes are inserted at the front of the
 * server's routes, ahead of the terminal fallback that stays last; they are found again
 * by their {@code @id}, which names the deployment. The server is this deployment's own
 * (CADDY_SERVER_NAME) or, when another deployment's server already listens on
 * CADDY_LISTEN, that one: routes match host names, so deployments with different base
 * domains share a listener, and Caddy allows only one server per listen address.
 */
@Component
class CaddyRouteManager implements RouteManager {

	private final RestClient admin;

	private final CaddyProperties caddy;

	private final String deployment;

	private final String baseDomain;

	private final URI home;

	private final DependencyCalls calls;

	/** The server shop routes go into, as the last {@link #ensureServer()} found it. */
	private volatile String server;

	CaddyRouteManager(CaddyProperties caddy, DeploymentProperties deployment, PublicUrlProperties publicUrls,
			DependencyCalls calls) {
		this.caddy = caddy;
		this.calls = calls;
		this.deployment = deployment.name();
		this.baseDomain = publicUrls.baseDomain();
		this.home = publicUrls.homeUrl();
		Timeout timeout = Timeout.of(caddy.timeout());
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDefaultConnectionConfig(
					ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
			.build();
		this.admin = RestClient.builder()
			.baseUrl(caddy.adminUrl())
			.requestFactory(new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
				.setConnectionManager(connections)
				// Caddy closes idle connections when a change reloads its config, and a
				// retried insert could add a route twice: one fresh connection per call.
				.setConnectionReuseStrategy((request, response, context) -> false)
				.disableAutomaticRetries()
				.build()))
			.build();
	}

	/**
	 * Creates the server, or puts back its fallback route and API route when they are
	 * missing. An API route that differs from what this version and its settings make (an
	 * older version's, other replicas) is replaced in place, and one that agrees is left
	 * alone, since every change reloads Caddy; the listen address of an existing server
	 * is not changed. In another deployment's server only the API route is this
	 * deployment's to keep. Synchronized: the replenisher and the reconciler may both
	 * find the server missing at once.
	 */
	@Override
	public synchronized void ensureServer(List<String> apiUpstreams) {
		this.calls.run(Dependency.CADDY, () -> {
			Map<String, Object> apiRoute = CaddyConfigs.apiRoute(this.deployment, this.baseDomain, apiUpstreams,
					this.caddy.trustedProxies());
			String server = serverToUse();
			if (server == null) {
				createServer(this.caddy.serverName(), apiRoute);
				this.server = this.caddy.serverName();
				return;
			}
			this.server = server;
			if (server.equals(this.caddy.serverName())
					&& read("/id/{id}", CaddyConfigs.fallbackRouteId(server)) == null) {
				send(this.admin.post().uri("/config/apps/http/servers/{server}/routes", server),
						CaddyConfigs.fallbackRoute(server, this.home));
			}
			Object currentApiRoute = read("/id/{id}", CaddyConfigs.apiRouteId(this.deployment));
			if (currentApiRoute == null) {
				send(this.admin.put().uri("/config/apps/http/servers/{server}/routes/0", server), apiRoute);
			}
			else if (!apiRoute.equals(currentApiRoute)) {
				send(this.admin.patch().uri("/id/{id}", CaddyConfigs.apiRouteId(this.deployment)), apiRoute);
			}

		});
	}

	/**
	 * This deployment's own server when it exists, else the server of another deployment
	 * (one with its fallback route) that listens on CADDY_LISTEN; null when there is
	 * neither. A server on that listener that no deployment of this service made is
	 * someone else's, with routes of its own: refused, naming it.
	 */
	private String serverToUse() {
		Map<String, Map<String, Object>> servers = servers();
		if (servers.containsKey(this.caddy.serverName())) {
			return this.caddy.serverName();
		}
		for (Map.Entry<String, Map<String, Object>> candidate : servers.entrySet()) {
			if (listensOn(candidate.getValue(), this.caddy.listen())) {
				if (hasRoute(candidate.getValue(), CaddyConfigs.fallbackRouteId(candidate.getKey()))) {
					return candidate.getKey();
				}
				throw new IllegalStateException("Caddy's server '" + candidate.getKey() + "' already listens on '"
						+ this.caddy.listen() + "' (CADDY_LISTEN) and no demo-multiplexer deployment made it, so"
						+ " this deployment's routes cannot go there: pick a free CADDY_LISTEN for this deployment.");
			}
		}
		return null;
	}

	/** Every HTTP server in Caddy's config, by name; none when Caddy has no HTTP app. */
	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> servers() {
		// The apps always exist (null in a bare config); a path below a missing app is an
		// error, which must not be taken for "no server".
		Map<String, Object> apps = (Map<String, Object>) read("/config/apps");
		Map<String, Object> http = (apps != null) ? (Map<String, Object>) apps.get("http") : null;
		Object servers = (http != null) ? http.get("servers") : null;
		return (servers != null) ? (Map<String, Map<String, Object>>) servers : Map.of();
	}

	private static boolean listensOn(Map<String, Object> server, String listen) {
		return server.get("listen") instanceof List<?> addresses && addresses.contains(listen);
	}

	private static boolean hasRoute(Map<String, Object> server, String routeId) {
		return server.get("routes") instanceof List<?> routes && routes.stream()
			.anyMatch((route) -> route instanceof Map<?, ?> map && routeId.equals(map.get("@id")));
	}

	/**
	 * Creates the server; when Caddy refuses (most often because another server already
	 * listens on CADDY_LISTEN), says so in words an operator can act on.
	 */
	private void createServer(String server, Map<String, Object> apiRoute) {
		try {
			send(this.admin.put().uri("/config/apps/http/servers/{server}", server),
					CaddyConfigs.server(this.caddy.listen(), apiRoute, CaddyConfigs.fallbackRoute(server, this.home)));
		}
		catch (RestClientResponseException ex) {
			throw new IllegalStateException("Caddy refused to create the server '" + server + "' listening on '"
					+ this.caddy.listen() + "' (CADDY_SERVER_NAME, CADDY_LISTEN): "
					+ ex.getResponseBodyAsString().strip()
					+ ". If another Caddy server already listens there, pick a free CADDY_LISTEN for this deployment.",
					ex);
		}
	}

	@Override
	public void add(InstanceId id, String host, String upstream) {
		String server = server();
		this.calls.run(Dependency.CADDY, () -> {
			send(this.admin.put().uri("/config/apps/http/servers/{server}/routes/0", server),
					CaddyConfigs.shopRoute(this.deployment, id, host, upstream, this.caddy.trustedProxies()));

		});
	}

	@Override
	public void remove(InstanceId id) {
		this.calls.run(Dependency.CADDY, () -> {
			try {
				this.admin.delete()
					.uri("/id/{id}", CaddyConfigs.routeId(this.deployment, id))
					.retrieve()
					.toBodilessEntity();
			}
			catch (HttpClientErrorException.NotFound ex) {
				// Unknown @id: the route is already gone.
			}

		});
	}

	@Override
	public Set<InstanceId> routed() {
		String server = server();
		return this.calls.call(Dependency.CADDY, () -> {
			List<Map<String, Object>> routes = this.admin.get()
				.uri("/config/apps/http/servers/{server}/routes", server)
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			Set<InstanceId> ids = new HashSet<>();
			for (Map<String, Object> route : (routes != null) ? routes : List.<Map<String, Object>>of()) {
				CaddyConfigs.instanceOf(this.deployment, String.valueOf(route.get("@id"))).ifPresent(ids::add);
			}
			return ids;

		});
	}

	@Override
	public void ping() {
		this.calls.run(Dependency.CADDY, () -> {
			this.admin.get().uri("/config/").retrieve().toBodilessEntity();

		});
	}

	private static void send(RestClient.RequestBodySpec request, Map<String, Object> config) {
		request.contentType(MediaType.APPLICATION_JSON).body(config).retrieve().toBodilessEntity();
	}

	/**
	 * The server found last, or found (or made) now when none was yet; one made here
	 * lists this replica's API only, until the leader's next round lists every replica.
	 */
	private String server() {
		if (this.server == null) {
			ensureServer(List.of(this.caddy.apiUpstream()));
		}
		return this.server;
	}

	/**
	 * The config at a path, parsed; null when there is none: Caddy answers a path that
	 * does not exist with null, an unknown {@code @id} with 404. Any other error is
	 * thrown: taken for "absent", a failing Caddy would have the caller add what is
	 * already there.
	 */
	private Object read(String path, Object... variables) {
		return this.admin.get().uri(path, variables).exchange((request, response) -> {
			if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return null;
			}
			if (response.getStatusCode().isError()) {
				throw response.createException();
			}
			return response.bodyTo(Object.class);
		});
	}

}
