package com.demomultiplexer.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ports the kernel says are free right now, for a test's own listeners. */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Ports handed out already: the kernel may offer a port again as soon as it is
	 * closed.
	 */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A port free now that this JVM has not handed out before, so that the ports a test
	 * asks for one after the other (a service's and its management port) always differ.
	 */
	public static int next() {
		while (true) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
	}

}
