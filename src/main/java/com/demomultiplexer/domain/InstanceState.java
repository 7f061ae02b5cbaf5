package com.demomultiplexer.domain;

import java.util.Locale;

/**
 * Where a shop is in its single-use life. The last three are endings: the shop's
 * container, route, port and record are being torn down and it never comes back.
 */
public enum InstanceState {

	WARMING, READY, ASSIGNED, EXPIRED, RELEASED, FAILED;

	/** The name stored in Valkey and shown in the API. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static InstanceState fromKey(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

	public boolean isEnding() {
		return this == EXPIRED || this == RELEASED || this == FAILED;
	}

}
