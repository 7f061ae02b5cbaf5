package com.demomultiplexer.store;

import io.lettuce.core.api.StatefulRedisConnection;

import com.demomultiplexer.config.ValkeyProperties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Up when Valkey answers PING: without it no shop can be handed out.
 */
@Component
class ValkeyHealthIndicator extends AbstractHealthIndicator {

	private final StatefulRedisConnection<String, String> connection;

	private final String address;

	ValkeyHealthIndicator(StatefulRedisConnection<String, String> connection, ValkeyProperties valkey) {
		this.connection = connection;
		this.address = valkey.addr();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("address", this.address);
		this.connection.sync().ping();
		builder.up();
	}

}
