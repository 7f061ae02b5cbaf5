package com.demomultiplexer.domain;

import java.security.SecureRandom;

/**
 * Names one shop. It is part of the shop's public host name, so it is random (100 bits,
 * not guessable from its neighbours) and safe as a DNS label: 20 lowercase base32
 * characters.
 */
public record InstanceId(String value) {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

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
		for (int i = 0; i < LENGTH; i++) {
			chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
		}
		return new InstanceId(new String(chars));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
