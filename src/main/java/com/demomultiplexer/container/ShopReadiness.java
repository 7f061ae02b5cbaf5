package com.demomultiplexer.container;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.system.Sleeper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Waits until a booting shop answers 200 to its own host name. A shop redirects every
 * other Host to its PS_DOMAIN, so a 302 means "wrong Host", not "ready". Between polls it
 * asks the engine whether the container still runs, so a shop that crashed fails at once
 * instead of at the timeout.
 */
@Component
public class ShopReadiness {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private final ContainerRuntime runtime;

	private final RestClient http;

	private final String probeAddress;

	private final Clock clock;

	private final Sleeper sleeper;

	ShopReadiness(ContainerRuntime runtime, ContainerProperties container, Clock clock, Sleeper sleeper) {
		this.runtime = runtime;
		this.probeAddress = "0.0.0.0".equals(container.bindAddress()) ? "127.0.0.1" : container.bindAddress();
		this.clock = clock;
		this.sleeper = sleeper;
		this.http = RestClient.builder().requestFactory(noRedirectRequestFactory()).build();
	}

	/**
	 * Returns once the shop in container {@code name}, published on {@code hostPort},
	 * answers 200 to {@code authority} (its PS_DOMAIN).
	 * @throws WarmupFailedException when the container stops or the timeout passes first
	 */
	public void await(String name, int hostPort, String authority, Duration timeout) throws InterruptedException {
		URI uri = URI.create("http://" + this.probeAddress + ":" + hostPort + "/");
		Instant deadline = this.clock.instant().plus(timeout);
		String lastAnswer = "no answer";
		while (this.clock.instant().isBefore(deadline)) {
			try {
				int status = this.http.get()
					.uri(uri)
					.header(HttpHeaders.HOST, authority)
					.exchange((request, response) -> response.getStatusCode().value());
				if (status == 200) {
					return;
				}
				lastAnswer = "HTTP " + status;
			}
			catch (RestClientException ex) {
				lastAnswer = ex.getMessage();
			}
			ContainerStatus status = this.runtime.status(name);
			if (!status.running()) {
				throw new WarmupFailedException(WarmupFailedException.Reason.EXITED,
						name + " stopped while booting: " + status.describeStop(), null);
			}
			this.sleeper.sleep(POLL_INTERVAL);
		}
		throw new WarmupFailedException(WarmupFailedException.Reason.TIMEOUT,
				name + " did not answer 200 for " + authority + " within " + timeout + " (last: " + lastAnswer + ")",
				null);
	}

	private static HttpComponentsClientHttpRequestFactory noRedirectRequestFactory() {
		Timeout timeout = Timeout.of(REQUEST_TIMEOUT);
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDefaultConnectionConfig(
					ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
			.build();
		return new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
			.setConnectionManager(connections)
			.disableRedirectHandling()
			// Each poll is a try of its own: a refused connection means "still booting".
			.disableAutomaticRetries()
			.build());
	}

}
