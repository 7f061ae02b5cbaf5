package com.demomultiplexer.container;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.support.SteppingClock;
import com.demomultiplexer.system.Sleeper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The readiness loop's decisions, on a clock that only moves when the loop sleeps (unless
 * a test needs real time). Port 1 on loopback refuses connections, like a shop that has
 * not opened port 80 yet; the other shops are small HTTP servers that behave like the
 * parts of flashlight under test.
 */
class ShopReadinessTest {

	private static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(35);

	private final ContainerRuntime runtime = mock(ContainerRuntime.class);

	private final SteppingClock clock = new SteppingClock();

	/** Holds back the answers of a shop that never answers, until the test ends. */
	private final CountDownLatch testEnded = new CountDownLatch(1);

	private HttpServer shop;

	@AfterEach
	void stopShop() {
		this.testEnded.countDown();
		if (this.shop != null) {
			this.shop.stop(0);
		}
	}

	@Test
	void aShopThatKeepsRefusingTimesOutAtTheDeadline() {
		running();

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> readiness(FIRST_REQUEST_TIMEOUT, "http").await("shop", 1, "x.demo.localhost",
					Duration.ofSeconds(5)))
			.matches((ex) -> ex.reason() == WarmupFailedException.Reason.TIMEOUT)
			.withMessageContaining("within PT5S");
	}

	@Test
	void aContainerKilledForMemoryFailsAtOnceSayingSo() {
		given(this.runtime.status("shop")).willReturn(new ContainerStatus(true, false, 137, true));

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> readiness(FIRST_REQUEST_TIMEOUT, "http").await("shop", 1, "x.demo.localhost",
					Duration.ofMinutes(5)))
			.matches((ex) -> ex.reason() == WarmupFailedException.Reason.EXITED)
			.withMessageContaining("exited with code 137 (OOM-killed)");
	}

	/**
	 * The first request builds the shop's cache. The probe waits for it, so the shop's
	 * first request is the probe's and it enters the pool warm.
	 */
	@Test
	void theSlowFirstRequestIsWaitedForNotAskedAgain() throws Exception {
		running();
		AtomicInteger requests = slowFirstRequestShop(Duration.ofMillis(800));

		readiness(FIRST_REQUEST_TIMEOUT, "http").await("shop", port(), "x.demo.localhost", Duration.ofSeconds(60));

		assertThat(requests).hasValue(1);
	}

	/** The control: a probe that gives up sooner than the build takes asks again. */
	@Test
	void aProbeThatGivesUpEarlierAsksAgainWhileTheCacheBuilds() throws Exception {
		running();
		AtomicInteger requests = slowFirstRequestShop(Duration.ofMillis(800));

		readiness(Duration.ofMillis(100), "http").await("shop", port(), "x.demo.localhost", Duration.ofSeconds(60));

		assertThat(requests).hasValueGreaterThan(1);
	}

	/**
	 * A shop that never answers holds the probe no longer than the warm-up has left: the
	 * warm-up ends within POOL_WARMUP_TIMEOUT, not after POOL_FIRST_REQUEST_TIMEOUT.
	 */
	@Test
	void aProbeNeverOutlastsTheWarmupTimeout() throws Exception {
		running();
		start((exchange) -> {
			try {
				this.testEnded.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 200, null);
		});
		ShopReadiness readiness = new HttpShopReadiness(this.runtime, container(),
				pool(Duration.ofSeconds(30), Duration.ofSeconds(30)), publicUrls("http"), Clock.systemUTC(),
				Sleeper.THREAD);

		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatExceptionOfType(WarmupFailedException.class)
					.isThrownBy(() -> readiness.await("shop", port(), "x.demo.localhost", Duration.ofMillis(500)))
					.matches((ex) -> ex.reason() == WarmupFailedException.Reason.TIMEOUT));
	}

	/**
	 * A probe may wait for a slow first request for up to POOL_FIRST_REQUEST_TIMEOUT; a
	 * warm-up that is cancelled (its shop ended) or shut down is interrupted, and on its
	 * virtual thread the waiting read gives up at once instead of holding the warm-up
	 * (and shutdown) until the shop answers.
	 */
	@Test
	void aWarmupInterruptedDuringAProbeStopsAtOnce() throws Exception {
		running();
		CountDownLatch asked = new CountDownLatch(1);
		start((exchange) -> {
			asked.countDown();
			try {
				this.testEnded.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 200, null);
		});
		ShopReadiness readiness = new HttpShopReadiness(this.runtime, container(),
				pool(Duration.ofMinutes(5), FIRST_REQUEST_TIMEOUT), publicUrls("http"), Clock.systemUTC(),
				Sleeper.THREAD);
		CompletableFuture<Throwable> ended = new CompletableFuture<>();
		Thread warmup = Thread.ofVirtual().start(() -> {
			try {
				readiness.await("shop", port(), "x.demo.localhost", Duration.ofMinutes(1));
				ended.complete(null);
			}
			catch (Throwable ex) {
				ended.complete(ex);
			}
		});
		assertThat(asked.await(10, TimeUnit.SECONDS)).as("the probe reached the shop").isTrue();

		warmup.interrupt();

		assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
	}

	/**
	 * The last probe before the deadline may have less than a millisecond left. A socket
	 * timeout is set in whole milliseconds, and 0 means "wait forever": the probe must
	 * still give up, or a shop that accepts and never answers holds its warm-up (and its
	 * warm-up slot) for good.
	 */
	@Test
	void aProbeWithLessThanAMillisecondLeftStillGivesUp() throws Exception {
		running();
		AtomicInteger requests = new AtomicInteger();
		start((exchange) -> {
			// The first answer is a redirect (not ready); then the shop stops answering.
			if (requests.incrementAndGet() > 1) {
				try {
					this.testEnded.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			answer(exchange, 302, "http://x.demo.localhost/");
		});
		// After the first probe and one poll interval, half a millisecond is left.
		Duration timeout = Duration.ofMillis(200).plusNanos(500_000);

		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(
					() -> readiness(FIRST_REQUEST_TIMEOUT, "http").await("shop", port(), "x.demo.localhost", timeout))
			.matches((ex) -> ex.reason() == WarmupFailedException.Reason.TIMEOUT));
		// The probe gave up after a millisecond: the shop may see its request only later.
		await("the second probe reaches the shop").atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 2);
	}

	/**
	 * Every warm-up probes at once (up to POOL_WARMUP_CONCURRENCY, at most 64), each its
	 * own shop's port, and a probe may hold its connection for the whole first request.
	 * None may wait for another's connection: each ends at its own deadline.
	 */
	@Test
	void manyWarmupsProbingAtOnceEachEndAtTheirOwnDeadline() throws Exception {
		int shops = 40;
		List<HttpServer> silentShops = new ArrayList<>();
		try {
			for (int i = 0; i < shops; i++) {
				silentShops.add(server((exchange) -> {
					try {
						this.testEnded.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					answer(exchange, 200, null);
				}));
			}
			given(this.runtime.status(anyString())).willReturn(new ContainerStatus(true, true, 0, false));
			ShopReadiness readiness = new HttpShopReadiness(this.runtime, container(),
					pool(Duration.ofMinutes(5), FIRST_REQUEST_TIMEOUT), publicUrls("http"), Clock.systemUTC(),
					Sleeper.THREAD);
			Duration timeout = Duration.ofSeconds(2);

			long started = System.nanoTime();
			try (ExecutorService warmups = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<Duration>> ended = new ArrayList<>();
				for (HttpServer shop : silentShops) {
					ended.add(warmups.submit(() -> {
						assertThatExceptionOfType(WarmupFailedException.class).isThrownBy(() -> readiness.await("shop",
								shop.getAddress().getPort(), "x.demo.localhost", timeout));
						return Duration.ofNanos(System.nanoTime() - started);
					}));
				}
				for (Future<Duration> warmup : ended) {
					// The deadline, plus a poll, plus a loaded machine's scheduling.
					assertThat(warmup.get(30, TimeUnit.SECONDS)).isLessThan(timeout.plusMillis(1500));
				}
			}
		}
		finally {
			silentShops.forEach((shop) -> shop.stop(0));
		}
	}

	/**
	 * With PUBLIC_SCHEME=https a shop redirects what did not come over HTTPS; the probe
	 * says, as Caddy would, which scheme the prospect uses.
	 */
	@Test
	void theProbeAsksWithThePublicScheme() throws Exception {
		running();
		httpsOnlyShop();

		readiness(FIRST_REQUEST_TIMEOUT, "https").await("shop", port(), "x.demo.localhost", Duration.ofSeconds(5));

		// The control: the same shop, asked as plain HTTP, only ever redirects.
		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> readiness(FIRST_REQUEST_TIMEOUT, "http").await("shop", port(), "x.demo.localhost",
					Duration.ofSeconds(5)))
			.withMessageContaining("HTTP 301");
	}

	private void running() {
		given(this.runtime.status("shop")).willReturn(new ContainerStatus(true, true, 0, false));
	}

	/**
	 * Like the stand-in (and PrestaShop): the first request builds the cache for
	 * {@code build}, requests meanwhile wait for it, and it goes on when its client gives
	 * up. Counts the requests.
	 */
	private AtomicInteger slowFirstRequestShop(Duration build) throws IOException {
		AtomicInteger requests = new AtomicInteger();
		CountDownLatch built = new CountDownLatch(1);
		start((exchange) -> {
			if (requests.incrementAndGet() == 1) {
				Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
					Thread.sleep(build);
					built.countDown();
					return null;
				});
			}
			try {
				built.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 200, null);
		});
		return requests;
	}

	/** PrestaShop with SSL on: 301 to https unless the request came over HTTPS. */
	private void httpsOnlyShop() throws IOException {
		start((exchange) -> {
			if ("https".equals(exchange.getRequestHeaders().getFirst(HttpShopReadiness.FORWARDED_PROTO))) {
				answer(exchange, 200, null);
			}
			else {
				answer(exchange, 301, "https://x.demo.localhost/");
			}
		});
	}

	private void start(com.sun.net.httpserver.HttpHandler handler) throws IOException {
		this.shop = server(handler);
	}

	private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", handler);
		server.start();
		return server;
	}

	private static void answer(HttpExchange exchange, int status, String location) throws IOException {
		if (location != null) {
			exchange.getResponseHeaders().add("Location", location);
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private int port() {
		return this.shop.getAddress().getPort();
	}

	private ShopReadiness readiness(Duration firstRequestTimeout, String scheme) {
		return new HttpShopReadiness(this.runtime, container(), pool(Duration.ofMinutes(5), firstRequestTimeout),
				publicUrls(scheme), this.clock, this.clock);
	}

	private static ContainerProperties container() {
		return new ContainerProperties(ContainerProperties.Mode.DOCKER, "", "shop:1", 20000, 20009, "127.0.0.1",
				DataSize.ofMegabytes(64), 1, 64, List.of(), DataSize.ofMegabytes(10), Duration.ofSeconds(60),
				List.of());
	}

	private static PoolProperties pool(Duration warmupTimeout, Duration firstRequestTimeout) {
		PoolProperties pool = Settings.pool();
		return new PoolProperties(pool.targetSize(), pool.minSize(), pool.maxSize(), pool.defaultTtl(), pool.maxTtl(),
				pool.warmupConcurrency(), warmupTimeout, firstRequestTimeout, pool.replenishInterval(),
				pool.reapInterval(), pool.retryAfter(), pool.maxExtensions(), pool.maxWait());
	}

	private static PublicUrlProperties publicUrls(String scheme) {
		return new PublicUrlProperties("demo.localhost", scheme, "https".equals(scheme) ? 443 : 80);
	}

}
