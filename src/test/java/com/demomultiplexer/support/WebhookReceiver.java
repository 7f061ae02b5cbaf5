package com.demomultiplexer.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver of a test's own: an HTTP server on a loopback port that records
 * every delivery and answers with the status it is told (204 at first), as a failing and
 * recovering receiver would. It checks signatures the way the README's receiver example
 * does, independently of the service's code.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** A secret in the Standard Webhooks form: whsec_ and base64 of 32 bytes. */
	public static final String SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("a test's own 32-byte webhook key".getBytes(StandardCharsets.UTF_8));

	/**
	 * One POST as it arrived.
	 *
	 * @param status what the receiver answered
	 */
	public record Delivery(String id, String timestamp, String signature, String contentType, byte[] body, int status) {

		public JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		public String instance() {
			return json().get("subject").asString();
		}

		/** The short type: {@code warming}, {@code ready}, ... */
		public String transition() {
			String type = json().get("type").asString();
			return type.substring(type.lastIndexOf('.') + 1);
		}

		public boolean accepted() {
			return this.status >= 200 && this.status < 300;
		}

	}

	private final HttpServer server;

	private final List<Delivery> deliveries = new ArrayList<>();

	private int status = 204;

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	public static WebhookReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 0);
		WebhookReceiver receiver = new WebhookReceiver(server);
		server.createContext("/events", receiver::receive);
		server.start();
		return receiver;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/events";
	}

	/** The status every next delivery gets. */
	public synchronized void answer(int status) {
		this.status = status;
	}

	public synchronized List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	/** Accepted deliveries, one per event id (the first), in order of arrival. */
	public List<Delivery> acceptedOnce() {
		Map<String, Delivery> first = new LinkedHashMap<>();
		deliveries().stream()
			.filter(Delivery::accepted)
			.forEach((delivery) -> first.putIfAbsent(delivery.id(), delivery));
		return List.copyOf(first.values());
	}

	/** Accepted transitions of one shop, duplicates dropped, in order of arrival. */
	public List<String> transitionsOf(String instance) {
		return acceptedOnce().stream()
			.filter((delivery) -> delivery.instance().equals(instance))
			.map(Delivery::transition)
			.toList();
	}

	/**
	 * Whether the delivery carries a valid signature made with {@code secret}:
	 * HMAC-SHA256 over {@code id.timestamp.body} with the base64-decoded key after
	 * {@code whsec_}, compared in constant time with each {@code v1,} signature in the
	 * header.
	 */
	public static boolean verifies(String secret, Delivery delivery) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			mac.update((delivery.id() + "." + delivery.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
			byte[] expected = mac.doFinal(delivery.body());
			for (String signature : delivery.signature().split(" ")) {
				if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
						Base64.getDecoder().decode(signature.substring("v1,".length())))) {
					return true;
				}
			}
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			int answer;
			synchronized (this) {
				answer = exchange.getRequestMethod().equals("POST") ? this.status : 405;
				this.deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"),
						exchange.getRequestHeaders().getFirst("webhook-timestamp"),
						exchange.getRequestHeaders().getFirst("webhook-signature"),
						exchange.getRequestHeaders().getFirst("Content-Type"), body, answer));
			}
			exchange.sendResponseHeaders(answer, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
