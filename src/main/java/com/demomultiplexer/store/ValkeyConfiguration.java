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
