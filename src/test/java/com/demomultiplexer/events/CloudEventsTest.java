package com.demomultiplexer.events;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.demomultiplexer.store.OutboxEntry;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventsTest {

	private final CloudEvents format = new CloudEvents("staging");

	@Test
	void anAssignedEventIsACloudEventWithTheChangeAsData() {
		CloudEvent event = this.format.of(new OutboxEntry("1795877805534-3", Map.of("type", "assigned", "instance",
				"k3abcdefghijklmnopqr", "time", "1795877805534", "expiresAt", "1795879605534", "clientHash", "ab12")));

		JsonNode json = JsonMapper.shared().readTree(event.json());
		assertThat(event.id()).isEqualTo("staging:1795877805534-3");
		assertThat(event.transition()).isEqualTo("assigned");
		assertThat(json.get("specversion").asString()).isEqualTo("1.0");
		assertThat(json.get("id").asString()).isEqualTo(event.id());
		assertThat(json.get("source").asString()).isEqualTo("/demo-multiplexer/staging");
		assertThat(json.get("type").asString()).isEqualTo("com.demomultiplexer.shop.assigned");
		assertThat(json.get("subject").asString()).isEqualTo("k3abcdefghijklmnopqr");
		assertThat(json.get("time").asString()).isEqualTo("2026-11-28T14:56:45.534Z");
		assertThat(json.get("datacontenttype").asString()).isEqualTo("application/json");
		assertThat(json.get("data").propertyNames()).containsExactlyInAnyOrder("deployment", "instance", "expiresAt",
				"clientHash");
		assertThat(json.get("data").get("expiresAt").asString()).isEqualTo("2026-11-28T15:26:45.534Z");
		assertThat(json.get("data").get("clientHash").asString()).isEqualTo("ab12");
	}

	@Test
	void extensionsAreANumberAndEndingsSayWhatTheyEnded() {
		JsonNode extended = JsonMapper.shared()
			.readTree(this.format
				.of(new OutboxEntry("1-0",
						Map.of("type", "extended", "instance", "i", "time", "1", "expiresAt", "2", "extensions", "2")))
				.json());
		JsonNode released = JsonMapper.shared()
			.readTree(this.format
				.of(new OutboxEntry("2-0",
						Map.of("type", "released", "instance", "i", "time", "1", "previousState", "assigned")))
				.json());

		assertThat(extended.get("data").get("extensions").isInt()).isTrue();
		assertThat(extended.get("data").get("extensions").asInt()).isEqualTo(2);
		assertThat(released.get("type").asString()).isEqualTo("com.demomultiplexer.shop.released");
		assertThat(released.get("data").get("previousState").asString()).isEqualTo("assigned");
	}

}
