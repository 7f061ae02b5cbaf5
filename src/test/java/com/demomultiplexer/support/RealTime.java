package com.demomultiplexer.support;

import java.util.Map;

/**
 * Programs a test starts beside the service (its own Valkey and Caddy, Chromium) keep
 * real time, like the host's services, also when the suite runs under faketime to move
 * the service's clock (make test-clock-skew): the library faketime preloads is not passed
 * on to them. (FAKETIME_ONLY_CMDS=java leaves their clocks alone, but the library, still
 * loaded, keeps redis-server from answering and makes chromedriver die here.)
 */
final class RealTime {

	private static final String PRELOAD = "LD_PRELOAD";

	private RealTime() {
	}

	/** Takes the preloaded library out of a child process's environment. */
	static void keep(Map<String, String> environment) {
		environment.remove(PRELOAD);
	}

	/**
	 * An environment entry that preloads nothing, for launchers that only add entries.
	 */
	static Map<String, String> noPreload() {
		return Map.of(PRELOAD, "");
	}

}
