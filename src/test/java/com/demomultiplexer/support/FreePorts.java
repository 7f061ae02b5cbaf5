package com.demomultiplexer.support;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports the kernel says are free right now, for a test's own listeners. */
public final class FreePorts {

	private FreePorts() {
	}

	public static int next() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
