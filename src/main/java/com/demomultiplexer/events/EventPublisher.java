package com.demomultiplexer.events;

/**
 * Where the relay hands events: NATS JetStream today, webhooks next (issue 17).
 */
interface EventPublisher {

	/**
	 * Publishes one event and returns once the receiver has acknowledged it.
	 * @throws RuntimeException when it was not acknowledged; the relay tries it again
	 */
	void publish(CloudEvent event);

}
