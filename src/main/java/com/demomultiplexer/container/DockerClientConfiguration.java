package com.demomultiplexer.container;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.PoolProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The docker-java client on the httpclient5 transport. No response timeout: it would also
 * cut the long-lived event stream, and on the Unix socket it has no effect anyway
 * ({@link EngineDeadline} bounds each call instead); a connect timeout keeps an
 * unreachable engine from hanging callers.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnDockerApi.class)
class DockerClientConfiguration {

	@Bean(destroyMethod = "close")
	DockerClient dockerClient(ContainerProperties container, PoolProperties pool) {
		DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(container.engineUri().toString())
			.build();
		ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			// Every warm-up polls its container while it boots; leave room for all plus
			// API calls.
			.maxConnections(pool.warmupConcurrency() * 2 + 16)
			.connectionTimeout(Duration.ofSeconds(5))
			.build();
		return DockerClientImpl.getInstance(config, http);
	}

}
