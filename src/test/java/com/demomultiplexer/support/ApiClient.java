package com.demomultiplexer.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Calls the service's HTTP API as a signup page would, keeping error answers instead of
 * throwing. Headers are given as name, value pairs.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	private final String base;

	private final String host;

	/** Calls the service at http://127.0.0.1:{@code port}. */
	public ApiClient(int port) {
		this("http://127.0.0.1:" + port);
	}

	/**
	 * Calls the service at {@code base}, e.g. through a local address other than
	 * loopback.
	 */
	public ApiClient(String base) {
		this(base, null);
	}

	/**
	 * Calls the service through a proxy at {@code base} that routes by the Host
	 * {@code host}.
	 */
	public ApiClient(String base, String host) {
		this(base, host, TestHttp.client());
	}

	/**
	 * As {@link #ApiClient(String, String)}, giving up on an answer after
	 * {@code readTimeout}.
	 */
	public ApiClient(String base, String host, java.time.Duration readTimeout) {
		this(base, host, TestHttp.client(readTimeout));
	}

	private ApiClient(String base, String host, RestClient http) {
		this.base = base;
		this.host = host;
		this.http = http;
	}

	public Answer post(String path, String... headers) {
		return send(HttpMethod.POST, path, null, headers);
	}

	public Answer postJson(String path, String json, String... headers) {
		return send(HttpMethod.POST, path, json, headers);
	}

	public Answer get(String path, String... headers) {
		return send(HttpMethod.GET, path, null, headers);
	}

	public Answer delete(String path, String... headers) {
		return send(HttpMethod.DELETE, path, null, headers);
	}

	public Answer send(HttpMethod method, String path, String body, String... headers) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(this.base + path).headers((all) -> {
			if (this.host != null) {
				all.set(HttpHeaders.HOST, this.host);
			}
			for (int i = 0; i + 1 < headers.length; i += 2) {
				all.add(headers[i], headers[i + 1]);
			}
		});
		if (body != null) {
			if (!containsHeader(headers, HttpHeaders.CONTENT_TYPE)) {
				request.contentType(MediaType.APPLICATION_JSON);
			}
			request.body(body);
		}
		return request.exchange((req, response) -> answer(response));
	}

	/** {@code Authorization: Bearer <token>}, as name and value. */
	public static String[] bearer(String token) {
		return new String[] { HttpHeaders.AUTHORIZATION, "Bearer " + token };
	}

	private static boolean containsHeader(String[] headers, String name) {
		for (int i = 0; i < headers.length; i += 2) {
			if (headers[i].equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private static Answer answer(ClientHttpResponse response) throws IOException {
		String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
		JsonNode json = (body.startsWith("{") || body.startsWith("[")) ? JSON.readTree(body) : JSON.nullNode();
		return new Answer(response.getStatusCode().value(), response.getHeaders(), json, body);
	}

	/** A status, its headers and its body, as text and as JSON. */
	public record Answer(int status, HttpHeaders headers, JsonNode json, String body) {

		public String contentType() {
			return this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
		}

		public String text(String field) {
			return this.json.path(field).asString();
		}

	}

}
