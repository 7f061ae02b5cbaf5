package com.demomultiplexer.proxy;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link RouteManager} on Caddy's admin API. Shop routes are inserted at the front of the
 * server's routes, ahead of the terminal fallback that stays last; they are found again
 * by their {@code @id}.
 */
@Component
class CaddyRouteManager implements RouteManager {

	private final RestClient admin;

	private final CaddyProperties caddy;

	private final String baseDomain;

	private final URI home;

	private final DependencyCalls calls;

	CaddyRouteManager(CaddyProperties caddy, PublicUrlProperties publicUrls, DependencyCalls calls) {
		this.caddy = caddy;
		this.calls = calls;
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
	 * is not changed. Synchronized: the replenisher and the reconciler may both find the
	 * server missing at once.
	 */
	@Override
	public synchronized void ensureServer(List<String> apiUpstreams) {
		this.calls.run(Dependency.CADDY, () -> {
			String server = this.caddy.serverName();
			Map<String, Object> apiRoute = CaddyConfigs.apiRoute(server, this.baseDomain, apiUpstreams,
					this.caddy.trustedProxies());
			if (read("/config/apps/http/servers/{server}", server) == null) {
				createServer(server, apiRoute);
				return;
			}
			if (read("/id/{id}", CaddyConfigs.fallbackRouteId(server)) == null) {
				send(this.admin.post().uri("/config/apps/http/servers/{server}/routes", server),
						CaddyConfigs.fallbackRoute(server, this.home));
			}
			Object currentApiRoute = read("/id/{id}", CaddyConfigs.apiRouteId(server));
			if (currentApiRoute == null) {
				send(this.admin.put().uri("/config/apps/http/servers/{server}/routes/0", server), apiRoute);
			}
			else if (!apiRoute.equals(currentApiRoute)) {
				send(this.admin.patch().uri("/id/{id}", CaddyConfigs.apiRouteId(server)), apiRoute);
			}

		});
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
	public void add(InstanceId id, String host, int hostPort) {
		this.calls.run(Dependency.CADDY, () -> {
			send(this.admin.put().uri("/config/apps/http/servers/{server}/routes/0", this.caddy.serverName()),
					CaddyConfigs.shopRoute(id, host, this.caddy.upstreamHost() + ":" + hostPort,
							this.caddy.trustedProxies()));

		});
	}

	@Override
	public void remove(InstanceId id) {
		this.calls.run(Dependency.CADDY, () -> {
			try {
				this.admin.delete().uri("/id/{id}", CaddyConfigs.routeId(id)).retrieve().toBodilessEntity();
			}
			catch (HttpClientErrorException.NotFound ex) {
				// Unknown @id: the route is already gone.
			}

		});
	}

	@Override
	public Set<InstanceId> routed() {
		return this.calls.call(Dependency.CADDY, () -> {
			List<Map<String, Object>> routes = this.admin.get()
				.uri("/config/apps/http/servers/{server}/routes", this.caddy.serverName())
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			Set<InstanceId> ids = new HashSet<>();
			for (Map<String, Object> route : (routes != null) ? routes : List.<Map<String, Object>>of()) {
				CaddyConfigs.instanceOf(String.valueOf(route.get("@id"))).ifPresent(ids::add);
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
	 * The config at a path, parsed; null when there is none. Caddy answers a path that
	 * does not exist with null, or with an error when a parent is missing.
	 */
	private Object read(String path, String variable) {
		return this.admin.get().uri(path, variable).exchange((request, response) -> {
			if (!response.getStatusCode().is2xxSuccessful()) {
				return null;
			}
			return response.bodyTo(Object.class);
		});
	}

}
