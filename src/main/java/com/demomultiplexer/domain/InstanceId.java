package com.demomultiplexer.domain;

import java.security.SecureRandom;

/**
 * Names one shop. It is part of the shop's public host name, so it is random (almost 100
 * bits, not guessable from its neighbours) and safe as a DNS label: 20 lowercase base32
 * characters. A generated id never starts with {@code h}: it begins the shop's PS_DOMAIN,
 * and flashlight refuses to boot (exit 2) when PS_DOMAIN starts with {@code http}, taking
 * it for a URL.
 */
public record InstanceId(String value) {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

	/**
	 * The first character's alphabet: base32 without {@code h}. Ids read back from
	 * Valkey, Docker labels or Caddy may still start with it (made before this rule).
	 */
	private static final String FIRST_ALPHABET = ALPHABET.replace("h", "");

	private static final int LENGTH = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	public InstanceId {
		if (!isWellFormed(value)) {
			throw new IllegalArgumentException("An instance id is " + LENGTH + " characters of a-z and 2-7");
		}
	}

	// A loop, not a regex: every record read from Valkey is checked, and a matcher
	// allocates more than the record itself.
	private static boolean isWellFormed(String value) {
		if (value == null || value.length() != LENGTH) {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			if (ALPHABET.indexOf(value.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	public static InstanceId random() {
		char[] chars = new char[LENGTH];
		chars[0] = FIRST_ALPHABET.charAt(RANDOM.nextInt(FIRST_ALPHABET.length()));
		for (int i = 1; i < LENGTH; i++) {
			chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
		}
		return new InstanceId(new String(chars));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
