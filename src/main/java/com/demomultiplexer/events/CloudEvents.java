package com.demomultiplexer.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.demomultiplexer.store.OutboxEntry;

/**
 * Turns an outbox entry into a CloudEvents 1.0 document in the structured JSON format
 * (README, "Events"). Written with the Jackson the service already has rather than the
 * CloudEvents SDK: the service only writes events, never reads them, the document is
 * eight attributes and a data object, and the SDK (core plus its JSON module, whose
 * Jackson line must match ours) would add two libraries to build one map.
 */
final class CloudEvents {

	static final String TYPE_PREFIX = "com.demomultiplexer.shop.";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final String deployment;

	CloudEvents(String deployment) {
		this.deployment = deployment;
	}

	CloudEvent of(OutboxEntry entry) {
		Map<String, String> fields = entry.fields();
		String transition = fields.get("type");
		String instance = fields.get("instance");
		// The outbox's entry id is unique within the deployment and never reused.
		String id = this.deployment + ":" + entry.entryId();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("deployment", this.deployment);
		data.put("instance", instance);
		fields.forEach((name, value) -> {
			switch (name) {
				case "type", "instance", "time" -> {
				}
				case "expiresAt" -> data.put(name, instant(value).toString());
				case "extensions" -> data.put(name, Integer.parseInt(value));
				default -> data.put(name, value);
			}
		});
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("specversion", "1.0");
		event.put("id", id);
		event.put("source", "/demo-multiplexer/" + this.deployment);
		event.put("type", TYPE_PREFIX + transition);
		event.put("subject", instance);
		event.put("time", instant(fields.get("time")).toString());
		event.put("datacontenttype", "application/json");
		event.put("data", data);
		return new CloudEvent(id, transition, JSON.writeValueAsBytes(event));
	}

	private static Instant instant(String epochMillis) {
		return Instant.ofEpochMilli(Long.parseLong(epochMillis));
	}

}
