package com.demomultiplexer.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import com.demomultiplexer.system.Sha256;

/**
 * The secret that proves a prospect owns a shop. The id is in the shop's host name, so it
 * is no secret; the token is 256 random bits, shown once in the acquire response. Only
 * its SHA-256 is stored, and a presented token is checked by comparing hashes in constant
 * time.
 */
final class OwnerTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A token and the hash to store. */
	record Issued(String token, String hash) {
	}

	private OwnerTokens() {
	}

	static Issued issue() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return new Issued(token, hash(token));
	}

	static boolean matches(String presented, String storedHash) {
		if (presented == null || storedHash == null) {
			return false;
		}
		return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

	static String hash(String token) {
		return Sha256.hex(token);
	}

}
