package com.demomultiplexer.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.FreePorts;
import com.demomultiplexer.support.TestHttp;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

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
		this.upstream.start();
		this.listenPort = FreePorts.next();
		this.caddy = new CaddyProperties(ADMIN, "it" + InstanceId.random().value().substring(0, 8),
				":" + this.listenPort, "127.0.0.1", Duration.ofSeconds(10),
				"127.0.0.1:" + this.upstream.getAddress().getPort());
		this.routes = new CaddyRouteManager(this.caddy,
				new PublicUrlProperties("demo.localhost", "http", this.listenPort),
				new DependencyCalls(new SimpleMeterRegistry()));
	}

	@AfterEach
	void stop() {
		this.http.delete()
			.uri(ADMIN + "/config/apps/http/servers/" + this.caddy.serverName())
			.retrieve()
			.toBodilessEntity();
		this.upstream.stop(0);
	}

	@Test
	void aRouteIsAddedReachableAndDeleted() {
		InstanceId id = InstanceId.random();
		String host = id + ".demo.localhost";
		this.routes.ensureServer();
		this.routes.ensureServer();

		this.routes.add(id, host, this.upstream.getAddress().getPort());

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
		this.routes.ensureServer();

		assertThat(get("nobody.demo.localhost"))
			.isEqualTo("404 " + CaddyConfigs.endedPage(URI.create("http://demo.localhost:" + this.listenPort + "/")));
	}

	@Test
	void theBaseDomainReachesTheServicesApi() {
		this.routes.ensureServer();

		assertThat(get("demo.localhost:" + this.listenPort))
			.isEqualTo("200 upstream saw Host demo.localhost:" + this.listenPort);
	}

	@Test
	void aServerThatLostItsFallbackRouteGetsItBack() {
		this.routes.ensureServer();
		this.http.delete()
			.uri(ADMIN + "/id/" + CaddyConfigs.fallbackRouteId(this.caddy.serverName()))
			.retrieve()
			.toBodilessEntity();

		this.routes.ensureServer();

		assertThat(get("nobody.demo.localhost"))
			.isEqualTo("404 " + CaddyConfigs.endedPage(URI.create("http://demo.localhost:" + this.listenPort + "/")));
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
			.uri(ADMIN + "/id/" + CaddyConfigs.routeId(id))
			.exchange((request, response) -> response.getStatusCode().is2xxSuccessful()
					? new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)
					: String.valueOf(response.getStatusCode().value()));
	}

}
