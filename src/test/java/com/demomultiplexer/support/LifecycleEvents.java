package com.demomultiplexer.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.demomultiplexer.support.WebhookReceiver.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the events a receiver got against what really happened to a deployment's shops:
 * every shop's events form one life in order (none invented, none out of place), every
 * shop a caller was handed has its warm-up, entry into the pool and hand-out among them,
 * and every shop still recorded in Valkey is, by its last event, in the state its record
 * says.
 */
public final class LifecycleEvents {

	/**
	 * One shop's life: a warm-up, then perhaps the pool, a hand-out and extensions, and
	 * perhaps an end.
	 */
	private static final Pattern LIFE = Pattern
		.compile("warming( ready( assigned( extended)*)?)?( (released|expired|failed))?");

	private LifecycleEvents() {
	}

	/**
	 * @param accepted the deliveries a receiver accepted, one per event id, in order of
	 * arrival
	 * @param records the deployment's records in Valkey now, by instance id
	 * @param handedOut the shops callers were handed
	 */
	public static void assertTellTheTruth(List<Delivery> accepted, Map<String, Map<String, String>> records,
			Collection<String> handedOut) {
		Map<String, List<String>> lives = new LinkedHashMap<>();
		accepted.forEach((delivery) -> lives.computeIfAbsent(delivery.instance(), (id) -> new ArrayList<>())
			.add(delivery.transition()));
		lives.forEach(
				(instance, life) -> assertThat(String.join(" ", life)).as("the events of " + instance).matches(LIFE));
		for (String instance : handedOut) {
			assertThat(lives.get(instance)).as("the events of handed-out " + instance)
				.isNotNull()
				.containsSubsequence("warming", "ready", "assigned");
		}
		records.forEach((instance, record) -> assertThat(lives.get(instance))
			.as("the events of " + instance + ", recorded as " + record.get("state"))
			.isNotNull()
			.last()
			.isEqualTo(record.get("state")));
	}

}
