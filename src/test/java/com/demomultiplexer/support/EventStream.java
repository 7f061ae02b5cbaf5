package com.demomultiplexer.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * Reads a Server-Sent Events stream over real HTTP on a thread of its own, event by
 * event, as a browser's EventSource would.
 */
public final class EventStream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Marks the end of the stream in the queue. */
	private static final Event CLOSED = new Event("(closed)", null, null);

	private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Thread reader;

	private volatile int status;

	private volatile String contentType;

	private EventStream(String url, String host) {
		RestClient http = TestHttp.client();
		this.reader = Thread.ofVirtual().start(() -> {
			try {
				http.get().uri(url).headers((headers) -> {
					if (host != null) {
						headers.set(HttpHeaders.HOST, host);
					}
				}).exchange((request, response) -> {
					this.status = response.getStatusCode().value();
					this.contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
					read(new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8)));
					return null;
				});
			}
			catch (RuntimeException ex) {
				// Closed by close(), or the server went away: either way the stream is
				// over.
			}
			finally {
				this.events.add(CLOSED);
			}
		});
	}

	public static EventStream open(String url) {
		return new EventStream(url, null);
	}

	/** Opens the stream through a proxy at {@code url} that routes by {@code host}. */
	public static EventStream open(String url, String host) {
		return new EventStream(url, host);
	}

	private void read(BufferedReader lines) throws java.io.IOException {
		String name = "message";
		StringBuilder data = new StringBuilder();
		StringBuilder comment = new StringBuilder();
		String line;
		while ((line = lines.readLine()) != null) {
			if (line.isEmpty()) {
				if (!data.isEmpty() || !comment.isEmpty()) {
					this.events.add(new Event(name, data.isEmpty() ? null : JSON.readTree(data.toString()),
							comment.isEmpty() ? null : comment.toString()));
				}
				name = "message";
				data.setLength(0);
				comment.setLength(0);
			}
			else if (line.startsWith(":")) {
				comment.append(line.substring(1));
			}
			else if (line.startsWith("event:")) {
				name = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				data.append(line.substring(5));
			}
		}
	}

	/** The next event that is not a tick; fails after {@code timeout}. */
	public Event nextOtherThanTick(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Event event;
		do {
			event = next(Duration.ofNanos(deadline - System.nanoTime()));
		}
		while ("tick".equals(event.name()) || event.comment() != null);
		return event;
	}

	/** The next event that is not a comment; fails after {@code timeout}. */
	public Event nextEvent(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Event event;
		do {
			event = next(Duration.ofNanos(deadline - System.nanoTime()));
		}
		while (event.comment() != null);
		return event;
	}

	/**
	 * Forgets what arrived so far, so that the next event read is one sent from now on
	 * (or the end of the stream, if it ends).
	 */
	public void skipArrived() {
		this.events.clear();
	}

	/** The next event, comments included; fails after {@code timeout}. */
	public Event next(Duration timeout) throws InterruptedException {
		Event event = this.events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
		if (event == null) {
			throw new AssertionError("no event within " + timeout);
		}
		return event;
	}

	/** Whether the server closed the stream within {@code timeout}. */
	public boolean closedWithin(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Event event;
		do {
			event = this.events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		while (event != null && event != CLOSED);
		return event == CLOSED;
	}

	public int status() {
		return this.status;
	}

	public String contentType() {
		return this.contentType;
	}

	@Override
	public void close() {
		this.reader.interrupt();
	}

	/** One event: its name and JSON data, or a comment. */
	public record Event(String name, JsonNode data, String comment) {
	}

}
