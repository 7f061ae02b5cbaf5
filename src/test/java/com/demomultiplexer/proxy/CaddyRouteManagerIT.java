package com.demomultiplexer.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Locale;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.FreePorts;
import com.demomultiplexer.support.TestHttp;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Routes in the real Caddy (started by scripts/services.sh), in a server of this test's
 * own on a free port, to an upstream that answers with the Host header it received.
 */
class CaddyRouteManagerIT {

	private static final URI ADMIN = URI.create("http://127.0.0.1:2019");

	private final RestClient http = TestHttp.client();

	private HttpServer upstream;

	private CaddyProperties caddy;

	private CaddyRouteManager routes;

	private int listenPort;

	@BeforeEach
	void start() throws IOException {
		this.upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.upstream.createContext("/", (exchange) -> {
			byte[] body = ("upstream saw Host " + exchange.getRequestHeaders().getFirst("Host"))
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		// The request headers the upstream received, one "name: value" line each.
		this.upstream.createContext("/headers", (exchange) -> {
			StringBuilder seen = new StringBuilder();
			exchange.getRequestHeaders()
				.forEach((name, values) -> values.forEach(
						(value) -> seen.append(name.toLowerCase(Locale.ROOT)).append(": ").append(value).append('\n')));
			byte[] body = seen.toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.upstream.start();
		this.listenPort = FreePorts.next();
		this.caddy = new CaddyProperties(ADMIN, "it" + InstanceId.random().value().substring(0, 8),
				":" + this.listenPort, "127.0.0.1", Duration.ofSeconds(10),
				"127.0.0.1:" + this.upstream.getAddress().getPort(), List.of());
		this.routes = new CaddyRouteManager(this.caddy, new DeploymentProperties(this.caddy.serverName()),
				new PublicUrlProperties("demo.localhost", "http", this.listenPort),
				new DependencyCalls(new SimpleMeterRegistry()));
	}

	@AfterEach
	void stop() {
		// Not every test gets as far as making the server.
		this.http.delete()
			.uri(ADMIN + "/config/apps/http/servers/" + this.caddy.serverName())
			.exchange((request, response) -> response.getStatusCode());
		this.upstream.stop(0);
	}

	@Test
	void aRouteIsAddedReachableAndDeleted() {
		InstanceId id = InstanceId.random();
		String host = id + ".demo.localhost";
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));

		this.routes.add(id, host, "127.0.0.1:" + this.upstream.getAddress().getPort());

		assertThat(get(host + ":" + this.listenPort))
			.isEqualTo("200 upstream saw Host " + host + ":" + this.listenPort);
		assertThat(routeConfig(id)).contains("\"dial\":\"127.0.0.1:" + this.upstream.getAddress().getPort() + "\"");

		this.routes.remove(id);

		assertThat(get(host))
			.isEqualTo("404 " + CaddyConfigs.endedPage(URI.create("http://demo.localhost:" + this.listenPort + "/")));
		assertThat(routeConfig(id)).isEqualTo("404");
		this.routes.remove(id);
	}

	@Test
	void hostsWithoutARouteGetTheFallbackNotAnEmpty200() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));

		assertThat(get("nobody.demo.localhost"))
			.isEqualTo("404 " + CaddyConfigs.endedPage(URI.create("http://demo.localhost:" + this.listenPort + "/")));
	}

	@Test
	void theBaseDomainReachesTheServicesApi() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));

		assertThat(get("demo.localhost:" + this.listenPort))
			.isEqualTo("200 upstream saw Host demo.localhost:" + this.listenPort);
	}

	@Test
	void aServerThatLostItsFallbackRouteGetsItBack() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		this.http.delete()
			.uri(ADMIN + "/id/" + CaddyConfigs.fallbackRouteId(this.caddy.serverName()))
			.retrieve()
			.toBodilessEntity();

		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));

		assertThat(get("nobody.demo.localhost"))
			.isEqualTo("404 " + CaddyConfigs.endedPage(URI.create("http://demo.localhost:" + this.listenPort + "/")));
	}

	@Test
	void theApiRouteDeletesHeadersAClientCouldNameItselfWithAndCaddySetsXForwardedFor() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));

		String seen = this.http.get()
			.uri("http://127.0.0.1:" + this.listenPort + "/headers")
			.header(HttpHeaders.HOST, "demo.localhost:" + this.listenPort)
			.header("Forwarded", "for=198.51.100.1")
			.header("X-Real-IP", "198.51.100.2")
			.header("True-Client-IP", "198.51.100.3")
			.header("CF-Connecting-IP", "198.51.100.4")
			.header("X-Forwarded-For", "198.51.100.5")
			.header("X-Demo-Probe", "passed on")
			.retrieve()
			.body(String.class);

		assertThat(seen).as("a header of no concern is passed on, so the upstream shows what it got")
			.contains("x-demo-probe: passed on");
		assertThat(seen).contains("x-forwarded-for: 127.0.0.1\n")
			.doesNotContain("198.51.100.")
			.doesNotContain("forwarded: ")
			.doesNotContain("x-real-ip")
			.doesNotContain("true-client-ip")
			.doesNotContain("cf-connecting-ip");
	}

	@Test
	void aServerMadeByAnOlderVersionIsCorrectedInPlaceAndOneThatAgreesIsLeftAlone() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		String apiRouteId = CaddyConfigs.apiRouteId(this.caddy.serverName());
		// The API route as versions before the header deletes made it.
		this.http.patch()
			.uri(ADMIN + "/id/" + apiRouteId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("@id", apiRouteId, "match", List.of(Map.of("host", List.of("demo.localhost"))), "handle",
					List.of(Map.of("handler", "reverse_proxy", "upstreams",
							List.of(Map.of("dial", this.caddy.apiUpstream())))),
					"terminal", true))
			.retrieve()
			.toBodilessEntity();
		assertThat(adminGet("/id/" + apiRouteId)).doesNotContain("X-Real-IP");

		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));

		assertThat(adminGet("/id/" + apiRouteId)).contains("X-Real-IP");
		String etag = configEtag();
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		assertThat(configEtag()).as("nothing changed, so Caddy was not reloaded").isEqualTo(etag);
	}

	@Test
	void twoDeploymentsShareOneListenerAndEachSeesOnlyItsOwnRoutes() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		String stagingName = "it" + InstanceId.random().value().substring(0, 8);
		CaddyRouteManager staging = new CaddyRouteManager(
				new CaddyProperties(ADMIN, stagingName, this.caddy.listen(), "127.0.0.1", Duration.ofSeconds(10),
						this.caddy.apiUpstream(), List.of()),
				new DeploymentProperties(stagingName),
				new PublicUrlProperties("staging.localhost", "http", this.listenPort),
				new DependencyCalls(new SimpleMeterRegistry()));

		staging.ensureServer(List.of(this.caddy.apiUpstream()));

		assertThat(adminGet("/config/apps/http/servers/" + stagingName)).as("it joined ours, made none")
			.isEqualTo("null\n");
		InstanceId ours = InstanceId.random();
		InstanceId theirs = InstanceId.random();
		this.routes.add(ours, ours + ".demo.localhost", "127.0.0.1:" + this.upstream.getAddress().getPort());
		staging.add(theirs, theirs + ".staging.localhost", "127.0.0.1:" + this.upstream.getAddress().getPort());
		for (String host : List.of(ours + ".demo.localhost", theirs + ".staging.localhost", "staging.localhost",
				"demo.localhost")) {
			assertThat(get(host + ":" + this.listenPort)).as(host)
				.isEqualTo("200 upstream saw Host " + host + ":" + this.listenPort);
		}
		assertThat(this.routes.routed()).containsExactly(ours);
		assertThat(staging.routed()).containsExactly(theirs);

		staging.remove(ours);
		assertThat(routeConfig(ours)).as("another deployment cannot remove our route").startsWith("{");

		String etag = configEtag();
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		staging.ensureServer(List.of(this.caddy.apiUpstream()));
		assertThat(configEtag()).as("neither changes the other's API route back and forth").isEqualTo(etag);
	}

	@Test
	void aServerNoDeploymentMadeOnOurListenerIsRefusedByName() {
		String squatter = "it" + InstanceId.random().value().substring(0, 8);
		this.http.put()
			.uri(ADMIN + "/config/apps/http/servers/" + squatter)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("listen", List.of(this.caddy.listen()), "automatic_https", Map.of("disable", true)))
			.retrieve()
			.toBodilessEntity();
		try {
			assertThatIllegalStateException()
				.isThrownBy(() -> this.routes.ensureServer(List.of(this.caddy.apiUpstream())))
				.withMessageContaining("Caddy's server '" + squatter + "' already listens on '" + this.caddy.listen()
						+ "' (CADDY_LISTEN)");
			assertThat(adminGet("/config/apps/http/servers/" + squatter)).as("left as it was").doesNotContain("routes");
		}
		finally {
			this.http.delete().uri(ADMIN + "/config/apps/http/servers/" + squatter).retrieve().toBodilessEntity();
		}
	}

	@Test
	void proxiesInFrontOfCaddyAreTrustedOnlyWhenConfigured() {
		CaddyProperties behindALoadBalancer = new CaddyProperties(this.caddy.adminUrl(), this.caddy.serverName(),
				this.caddy.listen(), this.caddy.upstreamHost(), this.caddy.timeout(), this.caddy.apiUpstream(),
				List.of("127.0.0.1/32"));
		new CaddyRouteManager(behindALoadBalancer, new DeploymentProperties(this.caddy.serverName()),
				new PublicUrlProperties("demo.localhost", "http", this.listenPort),
				new DependencyCalls(new SimpleMeterRegistry()))
			.ensureServer(List.of(this.caddy.apiUpstream()));

		String seen = this.http.get()
			.uri("http://127.0.0.1:" + this.listenPort + "/headers")
			.header(HttpHeaders.HOST, "demo.localhost:" + this.listenPort)
			.header("X-Forwarded-For", "198.51.100.5")
			.header("Forwarded", "for=198.51.100.6")
			.retrieve()
			.body(String.class);
		assertThat(seen).as("from a trusted proxy Caddy extends the chain")
			.contains("x-forwarded-for: 198.51.100.5, 127.0.0.1\n")
			.doesNotContain("198.51.100.6");
	}

	@Test
	void shopsHearTheSchemeOfATrustedProxyInFrontOfCaddyOnly() {
		this.routes.ensureServer(List.of(this.caddy.apiUpstream()));
		InstanceId direct = InstanceId.random();
		this.routes.add(direct, direct + ".demo.localhost", "127.0.0.1:" + this.upstream.getAddress().getPort());
		CaddyProperties behindALoadBalancer = new CaddyProperties(this.caddy.adminUrl(), this.caddy.serverName(),
				this.caddy.listen(), this.caddy.upstreamHost(), this.caddy.timeout(), this.caddy.apiUpstream(),
				List.of("127.0.0.1/32"));
		InstanceId proxied = InstanceId.random();
		new CaddyRouteManager(behindALoadBalancer, new DeploymentProperties(this.caddy.serverName()),
				new PublicUrlProperties("demo.localhost", "https", 443), new DependencyCalls(new SimpleMeterRegistry()))
			.add(proxied, proxied + ".demo.localhost", "127.0.0.1:" + this.upstream.getAddress().getPort());

		assertThat(headersSeenBy(proxied + ".demo.localhost")).as("from a trusted proxy, its scheme")
			.contains("x-forwarded-proto: https\n");
		assertThat(headersSeenBy(direct + ".demo.localhost")).as("the control: from anyone, the scheme Caddy saw")
			.contains("x-forwarded-proto: http\n");
	}

	/**
	 * The headers a shop's upstream received for a request that says it came over https.
	 */
	private String headersSeenBy(String host) {
		return this.http.get()
			.uri("http://127.0.0.1:" + this.listenPort + "/headers")
			.header(HttpHeaders.HOST, host + ":" + this.listenPort)
			.header("X-Forwarded-Proto", "https")
			.retrieve()
			.body(String.class);
	}

	private String adminGet(String path) {
		return this.http.get().uri(ADMIN + path).retrieve().body(String.class);
	}

	/**
	 * The ETag of this test's own server: other clients of the host's Caddy may change
	 * the rest.
	 */
	private String configEtag() {
		return this.http.get()
			.uri(ADMIN + "/config/apps/http/servers/" + this.caddy.serverName())
			.retrieve()
			.toBodilessEntity()
			.getHeaders()
			.getETag();
	}

	private String get(String host) {
		return this.http.get()
			.uri("http://127.0.0.1:" + this.listenPort + "/")
			.header(HttpHeaders.HOST, host)
			.exchange((request, response) -> response.getStatusCode().value() + " "
					+ new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
	}

	private String routeConfig(InstanceId id) {
		return this.http.get()
			.uri(ADMIN + "/id/" + CaddyConfigs.routeId(this.caddy.serverName(), id))
			.exchange((request, response) -> response.getStatusCode().is2xxSuccessful()
					? new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)
					: String.valueOf(response.getStatusCode().value()));
	}

}
