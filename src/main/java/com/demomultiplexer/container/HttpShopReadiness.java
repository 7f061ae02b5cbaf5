package com.demomultiplexer.container;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.util.Timeout;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.system.Sleeper;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * {@link ShopReadiness} on the Docker API's engines: the service itself probes the shop's
 * published port until it answers 200 to its own host name. A shop redirects every other
 * Host to its PS_DOMAIN, so a 302 means "wrong Host", not "ready". Between polls it asks
 * the engine whether the container still runs, so a shop that crashed fails at once
 * instead of at the timeout.
 * <p>
 * The probe asks as Caddy would pass on a prospect's request: with the shop's Host and
 * {@code X-Forwarded-Proto} set to the public scheme. With PUBLIC_SCHEME=https a shop
 * redirects any request that does not come over HTTPS, and the probe, plain HTTP on the
 * published port, would never see a 200 without that header.
 * <p>
 * The first request to a shop builds PrestaShop's cache and is slow. Each probe waits for
 * its answer up to POOL_FIRST_REQUEST_TIMEOUT (never past the warm-up's deadline) instead
 * of giving up and asking again, so the shop enters the pool with its cache built and the
 * prospect's first page is a warm one. Connecting has a short timeout of its own: a port
 * that is not open yet answers at once. A probe that waits is cut short when its thread
 * is interrupted (a cancelled warm-up, shutdown) only on a virtual thread, which is where
 * the replenisher runs warm-ups; a platform thread would wait out the probe.
 */
@Component
@Conditional(OnDockerApi.class)
class HttpShopReadiness implements ShopReadiness {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	static final String FORWARDED_PROTO = "X-Forwarded-Proto";

	private final ContainerRuntime runtime;

	private final CloseableHttpClient http = noRedirectClient();

	private final String probeAddress;

	private final Duration firstRequestTimeout;

	private final String scheme;

	private final Clock clock;

	private final Sleeper sleeper;

	HttpShopReadiness(ContainerRuntime runtime, ContainerProperties container, PoolProperties pool,
			PublicUrlProperties publicUrls, Clock clock, Sleeper sleeper) {
		this.runtime = runtime;
		this.probeAddress = "0.0.0.0".equals(container.bindAddress()) ? "127.0.0.1" : container.bindAddress();
		this.firstRequestTimeout = pool.firstRequestTimeout();
		this.scheme = publicUrls.scheme();
		this.clock = clock;
		this.sleeper = sleeper;
	}

	@Override
	public void await(String name, int hostPort, String authority, Duration timeout) throws InterruptedException {
		URI uri = URI.create("http://" + this.probeAddress + ":" + hostPort + "/");
		Instant deadline = this.clock.instant().plus(timeout);
		String lastAnswer = "no answer";
		Duration left = timeout;
		while (left.isPositive()) {
			try {
				int status = probe(uri, authority, min(this.firstRequestTimeout, left));
				if (status == 200) {
					return;
				}
				lastAnswer = "HTTP " + status;
			}
			catch (IOException ex) {
				lastAnswer = ex.toString();
			}
			ContainerStatus status = this.runtime.status(name);
			if (!status.running()) {
				throw new WarmupFailedException(WarmupFailedException.Reason.EXITED,
						name + " stopped while booting: " + status.describeStop(), null);
			}
			this.sleeper.sleep(POLL_INTERVAL);
			left = Duration.between(this.clock.instant(), deadline);
		}
		throw new WarmupFailedException(WarmupFailedException.Reason.TIMEOUT,
				name + " did not answer 200 for " + authority + " within " + timeout + " (last: " + lastAnswer + ")",
				null);
	}

	private int probe(URI uri, String authority, Duration responseTimeout) throws IOException {
		HttpGet get = new HttpGet(uri);
		get.setHeader(HttpHeaders.HOST, authority);
		get.setHeader(FORWARDED_PROTO, this.scheme);
		get.setConfig(RequestConfig.custom().setResponseTimeout(wholeMilliseconds(responseTimeout)).build());
		return this.http.execute(get, (response) -> response.getCode());
	}

	/**
	 * A socket timeout counts whole milliseconds, and 0 means none: what is left before
	 * the deadline can be less than a millisecond, which must not become "wait forever".
	 */
	private static Timeout wholeMilliseconds(Duration timeout) {
		long millis = timeout.toMillis() + ((timeout.getNano() % 1_000_000 > 0) ? 1 : 0);
		return Timeout.ofMilliseconds(Math.max(1, millis));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * One connection per probe, never kept: probes are a poll interval apart and each
	 * warm-up probes its own shop's port (a port a later shop may reuse). The pool has no
	 * limit of its own (its default, 25 at once, would make a warm-up wait for another's
	 * connection, past its deadline): the warm-ups running at once bound it.
	 */
	private static CloseableHttpClient noRedirectClient() {
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(Integer.MAX_VALUE)
			.setMaxConnPerRoute(Integer.MAX_VALUE)
			.setDefaultConnectionConfig(
					ConnectionConfig.custom().setConnectTimeout(Timeout.of(CONNECT_TIMEOUT)).build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setConnectionReuseStrategy((request, response, context) -> false)
			.disableRedirectHandling()
			// Each poll is a try of its own: a refused connection means "still booting".
			.disableAutomaticRetries()
			.build();
	}

}
