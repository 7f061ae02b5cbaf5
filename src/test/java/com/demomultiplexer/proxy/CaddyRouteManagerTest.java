package com.demomultiplexer.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.system.DependencyCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The route manager against a fake admin API that fails the way a busy or broken Caddy
 * does: an error is not "absent", so nothing is added on the strength of it.
 */
class CaddyRouteManagerTest {

	/** The replicas' APIs the API route lists. */
	private static final List<String> API = List.of("127.0.0.1:8080");

	/** What the fake answers per path; any other GET gets 404. */
	private final Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();

	/** "METHOD path" of every request the fake received. */
	private final List<String> requests = new CopyOnWriteArrayList<>();

	private HttpServer fakeCaddy;

	private CaddyRouteManager routes;

	@BeforeEach
	void start() throws IOException {
		this.fakeCaddy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.fakeCaddy.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(exchange.getRequestMethod() + " " + path);
			Answer answer = "GET".equals(exchange.getRequestMethod())
					? this.answers.getOrDefault(path, new Answer(404, "{\"error\":\"unknown object ID\"}"))
					: new Answer(200, "");
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		this.fakeCaddy.start();
		URI admin = URI.create("http://127.0.0.1:" + this.fakeCaddy.getAddress().getPort());
		this.routes = new CaddyRouteManager(
				new CaddyProperties(admin, "demo", ":80", "127.0.0.1", Duration.ofSeconds(5), "127.0.0.1:8080",
						List.of()),
				new DeploymentProperties("demo"), new PublicUrlProperties("demo.localhost", "http", 80),
				new DependencyCalls(new SimpleMeterRegistry()));
	}

	@AfterEach
	void stop() {
		this.fakeCaddy.stop(0);
	}

	@Test
	void aServerListThatFailsIsNoReasonToCreateTheServer() {
		this.answers.put("/config/apps", new Answer(500, "{\"error\":\"loading config: busy\"}"));

		assertThatException().isThrownBy(() -> this.routes.ensureServer(API)).withMessageContaining("500");

		assertThat(this.requests).as("reads only").allMatch((request) -> request.startsWith("GET "));
	}

	@Test
	void aRouteLookupThatFailsIsNoReasonToAddTheRouteAgain() {
		this.answers.put("/config/apps", new Answer(200,
				"{\"http\":{\"servers\":{\"demo\":{\"listen\":[\":80\"],\"routes\":[{\"@id\":\"demo-fallback\"}]}}}}"));
		this.answers.put("/id/demo-fallback", new Answer(502, "{\"error\":\"upstream busy\"}"));

		assertThatException().isThrownBy(() -> this.routes.ensureServer(API)).withMessageContaining("502");

		assertThat(this.requests).as("reads only").allMatch((request) -> request.startsWith("GET "));
	}

	@Test
	void anUnknownIdIsAbsentAndIsAdded() {
		// The control: with 404 for the fallback and the API route, both are put back.
		this.answers.put("/config/apps",
				new Answer(200, "{\"http\":{\"servers\":{\"demo\":{\"listen\":[\":80\"],\"routes\":[]}}}}"));

		this.routes.ensureServer(API);

		assertThat(this.requests).contains("POST /config/apps/http/servers/demo/routes",
				"PUT /config/apps/http/servers/demo/routes/0");
	}

	private record Answer(int status, String body) {
	}

}
