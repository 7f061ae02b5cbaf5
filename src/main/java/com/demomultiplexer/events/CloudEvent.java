package com.demomultiplexer.events;

/**
 * One lifecycle event as published: a CloudEvents 1.0 document in its structured JSON
 * form.
 *
 * @param id unique per event and the same at every attempt to publish it, so consumers
 * (and JetStream) can drop duplicates
 * @param transition the short type ({@code warming}, {@code assigned}, ...)
 * @param json the whole document
 */
record CloudEvent(String id, String transition, byte[] json) {

	/** The media type of {@link #json()}. */
	static final String CONTENT_TYPE = "application/cloudevents+json";

}
