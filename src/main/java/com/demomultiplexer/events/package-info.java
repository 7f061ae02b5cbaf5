/**
 * Lifecycle events: the relay that publishes the outbox (written by the transition
 * scripts) as CloudEvents, and their publisher to NATS JetStream. Off unless
 * EVENTS_NATS_URL is set.
 */
package com.demomultiplexer.events;
