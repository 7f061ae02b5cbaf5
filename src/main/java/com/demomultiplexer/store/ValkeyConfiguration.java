package com.demomultiplexer.store;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.ValkeyProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * One Lettuce client and one shared connection. Lettuce would queue commands while
 * disconnected and replay them later; a pool handing out shops must rather fail fast, so
 * commands are rejected while Valkey is unreachable and time out after VALKEY_TIMEOUT.
 * Every call goes through the synchronous API, which waits at most the URI's timeout;
 * Lettuce's own command expiry (TimeoutOptions) would add a timer per command, acquire
 * included, for no gain.
 * <p>
 * Delivery is at most once, and REJECT_COMMANDS is what makes it so. In its default
 * (at-least-once) mode, once Lettuce has reconnected it sends again every command that
 * was still waiting for its reply when the connection dropped, so an acquire, extend or
 * reserve that had already run would run twice: a client charged for two shops, an
 * extension counted twice, two ports taken. With REJECT_COMMANDS it fails them instead
 * ("Connection disconnected", Lettuce 6.8's DefaultEndpoint.notifyDrainQueuedCommands):
 * such a command ran once or not at all, and its caller gets a
 * {@link StoreUnavailableException}. ValkeyDeliveryIT cuts connections mid-command to
 * hold this. Lettuce's replayFilter is not needed on top: what it could still hold back
 * are commands whose write failed, which never reached Valkey whole.
 */
@Configuration(proxyBeanMethods = false)
class ValkeyConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedisClient redisClient(ValkeyProperties properties) {
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(properties.host())
			.withPort(properties.port())
			.withTimeout(properties.timeout());
		if (StringUtils.hasText(properties.password())) {
			uri.withPassword(properties.password().toCharArray());
		}
		RedisClient client = RedisClient.create(uri.build());
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		return client;
	}

	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, String> valkeyConnection(RedisClient redisClient) {
		return redisClient.connect();
	}

	@Bean
	ValkeyKeys valkeyKeys(DeploymentProperties deployment) {
		return ValkeyKeys.forDeployment(deployment.name());
	}

}
