package com.demomultiplexer.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.demomultiplexer.config.ApiProperties;

import org.springframework.stereotype.Component;

/**
 * Who is calling, for rate limits. The TCP peer, unless the peer is a trusted proxy
 * (Caddy, on loopback by default): then the forwarding chain ({@code Forwarded} or
 * {@code X-Forwarded-For}) is walked from the nearest hop back, and the first hop that is
 * not a trusted proxy is the client. Headers from anyone else are ignored, so a client
 * cannot pick its own identity. IPv6 clients are keyed by their /64, which one subscriber
 * typically holds whole.
 */
@Component
public class ClientAddresses {

	private final List<IpRange> trustedProxies;

	ClientAddresses(ApiProperties api) {
		this.trustedProxies = api.trustedProxies()
			.stream()
			.filter((entry) -> !entry.isBlank())
			.map(IpRange::parse)
			.toList();
	}

	/** The key the caller's acquires are counted under. */
	public String clientKey(HttpServletRequest request) {
		return key(client(request));
	}

	InetAddress client(HttpServletRequest request) {
		InetAddress client = IpRange.literal(request.getRemoteAddr())
			.orElseThrow(() -> new IllegalStateException("peer address " + request.getRemoteAddr()));
		List<String> chain = forwardingChain(request);
		for (int hop = chain.size() - 1; hop >= 0 && isTrusted(client); hop--) {
			Optional<InetAddress> previous = IpRange.literal(chain.get(hop));
			if (previous.isEmpty()) {
				break;
			}
			client = previous.get();
		}
		return client;
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((range) -> range.contains(address));
	}

	/**
	 * Addresses from the original client to the nearest proxy, as the proxies recorded
	 * them.
	 */
	private static List<String> forwardingChain(HttpServletRequest request) {
		List<String> chain = new ArrayList<>();
		List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
		if (!forwarded.isEmpty()) {
			for (String header : forwarded) {
				for (String element : header.split(",")) {
					chain.add(forwardedFor(element));
				}
			}
			return chain;
		}
		for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
			Arrays.stream(header.split(",")).map(String::trim).forEach(chain::add);
		}
		return chain;
	}

	/**
	 * The node of one RFC 7239 element: {@code for=192.0.2.1},
	 * {@code for="[2001:db8::1]:80"}.
	 */
	private static String forwardedFor(String element) {
		for (String pair : element.split(";")) {
			String[] nameValue = pair.trim().split("=", 2);
			if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("for")) {
				String node = nameValue[1].replace("\"", "");
				if (node.startsWith("[")) {
					return node.substring(1, node.indexOf(']'));
				}
				int port = node.indexOf(':');
				return (port >= 0 && node.indexOf(':', port + 1) < 0) ? node.substring(0, port) : node;
			}
		}
		return "";
	}

	static String key(InetAddress address) {
		if (address instanceof Inet6Address) {
			return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "/64";
		}
		return address.getHostAddress();
	}

}
