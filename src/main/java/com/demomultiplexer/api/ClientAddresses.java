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
 * (Caddy, on loopback by default): then {@code X-Forwarded-For} is walked from the
 * nearest hop back, and the first hop that is not a trusted proxy is the client.
 * <p>
 * Only {@code X-Forwarded-For} is believed, because it is the one header Caddy sets
 * itself: it replaces what an untrusted client sent with the client's address (and
 * appends to it only from proxies in its own {@code trusted_proxies}). {@code Forwarded},
 * {@code X-Real-IP} and the like it passes on untouched, so they would let anyone pick
 * their identity; they are ignored here, and the route Caddy gets deletes them as well.
 * Headers from a peer that is not a trusted proxy are ignored. IPv6 clients are keyed by
 * their /64, which one subscriber typically holds whole.
 */
@Component
public class ClientAddresses {

	/** The header Caddy sets, and the only one believed. */
	static final String FORWARDED_FOR = "X-Forwarded-For";

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
				// Not an address: nothing further from the client can be believed.
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
	 * them in X-Forwarded-For (one header or several, in order).
	 */
	private static List<String> forwardingChain(HttpServletRequest request) {
		List<String> chain = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			Arrays.stream(header.split(",")).map(String::trim).forEach(chain::add);
		}
		return chain;
	}

	static String key(InetAddress address) {
		if (address instanceof Inet6Address) {
			return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "/64";
		}
		return address.getHostAddress();
	}

}
