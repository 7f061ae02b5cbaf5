package com.demomultiplexer.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback between a client and a server that cuts a connection in the
 * middle of a command: once armed with a marker, it forwards the next command whose bytes
 * contain the marker, waits until the server's reply to it arrives (so the command has
 * run), and then closes both sides of that connection instead of passing the reply on.
 * Every other byte, and every connection made after the cut, is forwarded untouched.
 * <p>
 * It relies on the client sending one command at a time and each in one write, as a test
 * calling a synchronous API does; a marker split across two reads is found all the same.
 */
public final class CuttingProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicReference<byte[]> marker = new AtomicReference<>();

	private final AtomicInteger cuts = new AtomicInteger();

	private CuttingProxy(int targetPort) throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.targetPort = targetPort;
		this.threads.submit(this::accept);
	}

	/** A proxy to the server on 127.0.0.1:{@code targetPort}. */
	public static CuttingProxy to(int targetPort) throws IOException {
		return new CuttingProxy(targetPort);
	}

	/** host:port, as VALKEY_ADDR takes it. */
	public String address() {
		return "127.0.0.1:" + this.listener.getLocalPort();
	}

	/** Cuts the connection of the next command that contains {@code text}, once. */
	public void cutAfterCommandContaining(String text) {
		this.marker.set(text.getBytes(StandardCharsets.UTF_8));
	}

	/** How many connections were cut with a reply held back. */
	public int cuts() {
		return this.cuts.get();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				Connection connection = new Connection(client, server);
				this.threads.submit(connection::forwardCommands);
				this.threads.submit(connection::forwardReplies);
			}
			catch (IOException ex) {
				// Closed, or the server refused: the client sees its connection fail.
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		this.threads.shutdownNow();
	}

	/** One client connection and the server connection it is forwarded to. */
	private final class Connection {

		private final Socket client;

		private final Socket server;

		/** Set once the marked command went to the server: its reply must not pass. */
		private volatile boolean cutting;

		Connection(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		void forwardCommands() {
			byte[] previousTail = new byte[0];
			try (InputStream in = this.client.getInputStream(); OutputStream out = this.server.getOutputStream()) {
				byte[] buffer = new byte[16384];
				int read;
				while ((read = in.read(buffer)) != -1) {
					byte[] seen = concat(previousTail, buffer, read);
					byte[] armed = CuttingProxy.this.marker.get();
					if (armed != null && endsInNewBytes(seen, armed, previousTail.length)
							&& CuttingProxy.this.marker.compareAndSet(armed, null)) {
						// Before the command leaves, so that its reply finds the flag
						// set.
						this.cutting = true;
					}
					out.write(buffer, 0, read);
					out.flush();
					previousTail = Arrays.copyOfRange(seen, Math.max(0, seen.length - 256), seen.length);
				}
			}
			catch (IOException ex) {
				// Either side closed: the other is closed below.
			}
			closeBoth();
		}

		void forwardReplies() {
			try (InputStream in = this.server.getInputStream(); OutputStream out = this.client.getOutputStream()) {
				byte[] buffer = new byte[16384];
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (this.cutting) {
						CuttingProxy.this.cuts.incrementAndGet();
						break;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Either side closed: the other is closed below.
			}
			closeBoth();
		}

		private void closeBoth() {
			try {
				this.client.close();
				this.server.close();
			}
			catch (IOException ex) {
				// Closing is all that was wanted.
			}
		}

	}

	private static byte[] concat(byte[] head, byte[] buffer, int length) {
		byte[] joined = Arrays.copyOf(head, head.length + length);
		System.arraycopy(buffer, 0, joined, head.length, length);
		return joined;
	}

	/**
	 * Whether {@code needle} occurs in {@code haystack} ending past its first
	 * {@code oldBytes}: an occurrence wholly within bytes already forwarded belongs to an
	 * earlier command.
	 */
	private static boolean endsInNewBytes(byte[] haystack, byte[] needle, int oldBytes) {
		for (int i = Math.max(0, oldBytes - needle.length + 1); i + needle.length <= haystack.length; i++) {
			if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				return true;
			}
		}
		return false;
	}

}
