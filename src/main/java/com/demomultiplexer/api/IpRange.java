package com.demomultiplexer.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address range in CIDR notation ({@code 127.0.0.0/8}, {@code ::1/128}; a bare address
 * is a range of one).
 */
record IpRange(byte[] network, int prefixLength) {

	/** Only characters of IP literals: never let a header value trigger a DNS lookup. */
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

	static IpRange parse(String cidr) {
		String[] parts = cidr.trim().split("/", 2);
		InetAddress address = literal(parts[0])
			.orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR range"));
		int bits = address.getAddress().length * 8;
		int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bits;
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bits);
		}
		return new IpRange(address.getAddress(), prefix);
	}

	/** Parses an IP literal, never a host name; empty for anything else. */
	static Optional<InetAddress> literal(String text) {
		if (text == null || !IP_LITERAL.matcher(text).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(text));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

}
