package com.demomultiplexer.events;

/** An event the receiver did not acknowledge: it stays in the outbox. */
class EventPublishException extends RuntimeException {

	EventPublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
