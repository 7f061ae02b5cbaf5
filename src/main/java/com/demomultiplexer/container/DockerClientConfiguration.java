package com.demomultiplexer.container;

import java.io.IOException;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.PoolProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The docker-java clients, on the httpclient5 transport. Calls that answer (create,
 * start, inspect, remove, list) wait at most CONTAINER_ENGINE_TIMEOUT, so a hung engine
 * fails a warm-up instead of stalling it; the event stream, which stays open for as long
 * as the service runs, has a client of its own without that timeout, which would cut it.
 */
@Configuration(proxyBeanMethods = false)
class DockerClientConfiguration {

	@Bean(destroyMethod = "close")
	DockerClients dockerClients(ContainerProperties container, PoolProperties pool) {
		DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(container.engineUri().toString())
			.build();
		// Every warm-up polls its container while it boots; leave room for all plus API
		// calls.
		DockerClient calls = client(config, pool.warmupConcurrency() * 2 + 16, container.engineTimeout());
		DockerClient events = client(config, 2, null);
		return new DockerClients(calls, events);
	}

	private static DockerClient client(DockerClientConfig config, int maxConnections, Duration responseTimeout) {
		ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.maxConnections(maxConnections)
			.connectionTimeout(Duration.ofSeconds(5));
		if (responseTimeout != null) {
			http.responseTimeout(responseTimeout);
		}
		return DockerClientImpl.getInstance(config, http.build());
	}

	/**
	 * The client for calls that answer, and the one for the event stream.
	 */
	record DockerClients(DockerClient calls, DockerClient events) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			try (DockerClient closedLast = this.events) {
				this.calls.close();
			}
		}

	}

}
