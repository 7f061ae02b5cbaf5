package com.demomultiplexer.store;

import java.time.Instant;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.domain.InstanceEvent;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Hears what the scripts publish on the deployment's events channel ({@code ready <id>},
 * {@code extended <id> <expiresAt>}, {@code ended <id> <state>}) and republishes it as
 * {@link InstanceEvent}s in this process. Because the scripts publish, every process
 * hears every change, whichever process made it. Lettuce subscribes again by itself after
 * a reconnect. Listeners run on Lettuce's event loop and must not block.
 */
@Component
class InstanceEventRelay extends RedisPubSubAdapter<String, String> implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(InstanceEventRelay.class);

	private final StatefulRedisPubSubConnection<String, String> connection;

	private final ApplicationEventPublisher publisher;

	InstanceEventRelay(RedisClient redisClient, ValkeyKeys keys, ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		this.connection = redisClient.connectPubSub();
		this.connection.addListener(this);
		this.connection.sync().subscribe(keys.events());
	}

	@Override
	public void message(String channel, String message) {
		try {
			this.publisher.publishEvent(parse(message));
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring an event that cannot be read or handled: '{}' ({})", message, ex.toString());
		}
	}

	static InstanceEvent parse(String message) {
		String[] parts = message.split(" ");
		InstanceId id = new InstanceId(parts[1]);
		return switch (parts[0]) {
			case "ready" -> new InstanceEvent.Ready(id);
			case "extended" -> new InstanceEvent.Extended(id, Instant.ofEpochMilli(Long.parseLong(parts[2])));
			case "ended" -> new InstanceEvent.Ended(id, InstanceState.fromKey(parts[2]));
			default -> throw new IllegalArgumentException("unknown event type " + parts[0]);
		};
	}

	@Override
	public void destroy() {
		this.connection.close();
	}

}
