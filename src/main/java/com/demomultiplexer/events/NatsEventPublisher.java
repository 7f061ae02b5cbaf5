package com.demomultiplexer.events;

import java.io.IOException;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;

import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes to a JetStream stream of the deployment's own,
 * {@code demo-multiplexer-<name>}, on subjects {@code demo.<name>.<transition>}, each
 * event's id as its message id ({@code Nats-Msg-Id}): within the stream's duplicate
 * window (2 minutes) JetStream stores an event published twice only once. Connects on
 * first use and, once connected, reconnects by itself; the stream is made if missing, at
 * first and again after any publication that failed.
 */
class NatsEventPublisher implements EventPublisher, DisposableBean {

	/** JetStream's error code for a stream that exists with another configuration. */
	private static final int STREAM_NAME_IN_USE = 10058;

	private final String url;

	private final Duration timeout;

	private final String stream;

	private final String subjectPrefix;

	private volatile Connection connection;

	private volatile JetStream jetStream;

	NatsEventPublisher(String url, Duration timeout, String deployment) {
		this.url = url;
		this.timeout = timeout;
		this.stream = "demo-multiplexer-" + deployment;
		this.subjectPrefix = "demo." + deployment + ".";
	}

	@Override
	public void publish(CloudEvent event) {
		Headers headers = new Headers().add("Content-Type", CloudEvent.CONTENT_TYPE);
		PublishOptions options = PublishOptions.builder()
			.messageId(event.id())
			.expectedStream(this.stream)
			.streamTimeout(this.timeout)
			.build();
		try {
			jetStream().publish(this.subjectPrefix + event.transition(), headers, event.json(), options);
		}
		catch (IOException | JetStreamApiException ex) {
			// NATS may have come back without its streams (a new server, a lost store):
			// the next attempt makes the stream again if it is missing.
			this.jetStream = null;
			throw new EventPublishException("NATS did not acknowledge event " + event.id(), ex);
		}
	}

	/** The server's round-trip time; fails when NATS cannot be reached. */
	Duration ping() {
		try {
			Connection current = connection();
			// RTT would wait for a reconnect: say at once that there is none.
			if (current.getStatus() != Connection.Status.CONNECTED) {
				throw new EventPublishException("NATS at " + this.url + " is " + current.getStatus(), null);
			}
			return current.RTT();
		}
		catch (IOException ex) {
			throw new EventPublishException("NATS does not answer at " + this.url, ex);
		}
	}

	String url() {
		return this.url;
	}

	String stream() {
		return this.stream;
	}

	private JetStream jetStream() throws IOException, JetStreamApiException {
		JetStream current = this.jetStream;
		if (current == null) {
			current = makeStream(connection());
			this.jetStream = current;
		}
		return current;
	}

	private synchronized Connection connection() throws IOException {
		if (this.connection == null) {
			Options options = Options.builder()
				.server(this.url)
				.connectionTimeout(this.timeout)
				// Once connected, keep trying for as long as the service runs.
				.maxReconnects(-1)
				// jnats's default listener logs an error at every reconnect attempt; the
				// relay logs an outage once, and health shows it.
				.errorListener(new ErrorListener() {
				})
				.build();
			try {
				this.connection = Nats.connect(options);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while connecting to NATS", ex);
			}
		}
		return this.connection;
	}

	private JetStream makeStream(Connection connection) throws IOException, JetStreamApiException {
		JetStreamOptions options = JetStreamOptions.builder().requestTimeout(this.timeout).build();
		try {
			connection.jetStreamManagement(options)
				.addStream(StreamConfiguration.builder()
					.name(this.stream)
					.subjects(this.subjectPrefix + ">")
					.storageType(StorageType.File)
					.duplicateWindow(Duration.ofMinutes(2))
					.build());
		}
		catch (JetStreamApiException ex) {
			// An operator configured it otherwise (retention, replicas): theirs to keep.
			if (ex.getApiErrorCode() != STREAM_NAME_IN_USE) {
				throw ex;
			}
		}
		return connection.jetStream(options);
	}

	@Override
	public void destroy() throws InterruptedException {
		Connection current = this.connection;
		if (current != null) {
			current.close();
		}
	}

}
