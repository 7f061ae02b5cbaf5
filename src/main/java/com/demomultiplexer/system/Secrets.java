package com.demomultiplexer.system;

import java.security.SecureRandom;

/**
 * Random alphanumeric secrets: flashlight echoes its admin password into the container
 * log and breaks on quotes, and SQL identifiers and literals stay simple without
 * punctuation.
 */
public final class Secrets {

	private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** {@code length} characters from 57 unambiguous ones: 20 give more than 116 bits. */
	public static String alphanumeric(int length) {
		StringBuilder secret = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			secret.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return secret.toString();
	}

}
