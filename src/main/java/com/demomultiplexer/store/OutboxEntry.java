package com.demomultiplexer.store;

import java.util.Map;

/**
 * One lifecycle event as a transition script appended it to the outbox.
 *
 * @param entryId the outbox stream's id for it ({@code <ms>-<seq>}): unique within the
 * deployment and never reused, so it names the event
 * @param fields what the script wrote: {@code type}, {@code instance}, {@code time}
 * (epoch ms) and what changed (see README, "Events")
 */
public record OutboxEntry(String entryId, Map<String, String> fields) {
}
