package com.demomultiplexer.support;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * Calls the service's HTTP API as a signup page would, keeping error answers instead of
 * throwing.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	public ApiClient(int port) {
		this.http = RestClient.create("http://127.0.0.1:" + port);
	}

	public Answer post(String path) {
		return this.http.post().uri(path).exchange((request, response) -> answer(response));
	}

	public Answer get(String path) {
		return this.http.get().uri(path).exchange((request, response) -> answer(response));
	}

	public Answer delete(String path) {
		return this.http.delete().uri(path).exchange((request, response) -> answer(response));
	}

	private static Answer answer(org.springframework.http.client.ClientHttpResponse response)
			throws java.io.IOException {
		String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
		return new Answer(response.getStatusCode().value(), response.getHeaders(),
				body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
	}

	/** A status, its headers and its JSON body. */
	public record Answer(int status, HttpHeaders headers, JsonNode json) {

		public String contentType() {
			return this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
		}

		public String text(String field) {
			return this.json.path(field).asString();
		}

	}

}
