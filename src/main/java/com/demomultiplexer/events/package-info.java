/**
 * Lifecycle events: the relay that publishes the outbox (written by the transition
 * scripts) as CloudEvents, and its two sinks, NATS JetStream and a signed webhook. Off
 * unless EVENTS_NATS_URL or EVENTS_WEBHOOK_URL is set.
 */
package com.demomultiplexer.events;
