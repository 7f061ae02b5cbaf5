package com.demomultiplexer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.TestHttp;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PUBLIC_SCHEME=https: shops link in https and send plain requests there, as flashlight
 * does with PS_PROTOCOL=https, and the readiness probe (plain HTTP to the published port)
 * still sees them ready, because it says what Caddy behind TLS would: X-Forwarded-Proto
 * https.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=1", "POOL_MAX_SIZE=2", "PUBLIC_SCHEME=https" })
class HttpsShopsEndToEndIT {

	private static final Deployment deployment = new Deployment(22200);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void shopsLinkInHttpsAndGetReady() {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);

		Answer acquired = api.post("/api/v1/demo/acquire");
		String id = acquired.text("id");
		String authority = id + ".demo.localhost:" + deployment.publicPort();
		assertThat(acquired.text("url")).isEqualTo("https://" + authority + "/");
		assertThat(deployment.containerEnvironment(id)).containsEntry("PS_PROTOCOL", "https")
			.containsEntry("SSL_REDIRECT", "true");

		int port = deployment.hostPortOf(id);
		String page = TestHttp.client()
			.get()
			.uri("http://127.0.0.1:" + port + "/")
			.header(HttpHeaders.HOST, authority)
			.header("X-Forwarded-Proto", "https")
			.retrieve()
			.body(String.class);
		assertThat(page).contains("href=\"https://" + authority + "/admin-dev/\"");

		// The control: asked as plain HTTP, which is what the probe would see without
		// the header, the shop only redirects to https.
		TestHttp.client()
			.get()
			.uri("http://127.0.0.1:" + port + "/")
			.header(HttpHeaders.HOST, authority)
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(301);
				assertThat(response.getHeaders().getLocation()).hasToString("https://" + authority + "/");
				return null;
			});
	}

}
