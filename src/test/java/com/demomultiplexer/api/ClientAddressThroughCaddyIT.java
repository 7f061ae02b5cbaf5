package com.demomultiplexer.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.HostAddresses;
import com.demomultiplexer.support.Scrapes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * The client address as the service sees it through the real Caddy: whatever a client
 * writes into a forwarding header, its acquires are counted against the address Caddy saw
 * it connect from. The limit is two acquires an hour, so a spoof that worked would get a
 * third and a fourth shop. Shops are records only (no containers): acquire never touches
 * one.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h", "RATE_LIMIT_HOURLY=2",
		"RATE_LIMIT_DAILY=100", "RATE_LIMIT_LIVE=100" })
class ClientAddressThroughCaddyIT {

	private static final Deployment deployment = new Deployment(22600);

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Autowired
	private InstanceRepository instances;

	@Autowired
	LeaderLease lease;

	/** This test plays the leader's part with the service's own token. */
	private Fence fence;

	@BeforeEach
	void freshLimitsAndFourReadyShops() {
		// Shops without a container: seeded after the reconciler's first round (see
		// EndToEndTest), and its interval keeps it away until they are gone.
		deployment.forgetClients();
		this.fence = Leases.awaitLeading(this.lease);
		for (int i = 0; i < 4; i++) {
			InstanceId id = InstanceId.random();
			this.instances.reserve(id, Instant.now(), LOGIN, this.fence).orElseThrow();
			this.instances.markReady(id, Instant.now(), this.fence);
		}
	}

	/** Gives the shops' ports back, so every case finds four free. */
	@AfterEach
	void forgetTheShops() {
		for (Instance shop : this.instances.records()) {
			this.instances.end(shop.id(), null, InstanceState.RELEASED, Instant.now(), Fence.NONE);
			this.instances.forget(shop.id());
		}
	}

	static Stream<Arguments> spoofs() {
		return Stream.of(argumentSet("Forwarded, one element", spoof((n) -> h("Forwarded", "for=198.51.100." + n))),
				argumentSet("Forwarded, many elements",
						spoof((n) -> h("Forwarded", "for=198.51.100." + n + ";proto=http, for=203.0.113." + n))),
				argumentSet("Forwarded, quoted IPv6 with port",
						spoof((n) -> h("Forwarded", "for=\"[2001:db8:" + n + "::1]:4711\""))),
				argumentSet("Forwarded, mixed case", spoof((n) -> h("fOrWaRdEd", "For=198.51.100." + n))),
				argumentSet("X-Forwarded-For chain",
						spoof((n) -> h("X-Forwarded-For", "198.51.100." + n + ", 203.0.113." + n))),
				argumentSet("X-Forwarded-For, two header lines, mixed case",
						spoof((n) -> h("x-FORWARDED-for", "198.51.100." + n, "X-Forwarded-For", "203.0.113." + n))),
				argumentSet("X-Forwarded-For, IPv6", spoof((n) -> h("X-Forwarded-For", "2001:db8:" + n + "::1"))),
				argumentSet("X-Real-IP", spoof((n) -> h("X-Real-IP", "198.51.100." + n))),
				argumentSet("True-Client-IP and CF-Connecting-IP",
						spoof((n) -> h("True-Client-IP", "198.51.100." + n, "CF-Connecting-IP", "203.0.113." + n))),
				argumentSet("everything at once", spoof((n) -> h("Forwarded", "for=198.51.100." + n, "X-Forwarded-For",
						"198.51.100." + n, "X-Real-IP", "198.51.100." + n))));
	}

	@ParameterizedTest
	@MethodSource("spoofs")
	void aClientCannotPickItsAddressThroughCaddy(IntFunction<String[]> spoof) {
		ApiClient throughCaddy = throughCaddyFrom("127.0.0.1");

		List<Integer> statuses = new ArrayList<>();
		for (int n = 1; n <= 4; n++) {
			statuses.add(throughCaddy.post("/api/v1/demo/acquire", spoof.apply(n)).status());
		}

		assertThat(statuses).as("a new address claimed each time, all counted as one client")
			.containsExactly(201, 201, 429, 429);
	}

	/**
	 * The positive control: the same route does tell clients apart, by the address Caddy
	 * saw them connect from.
	 */
	@Test
	void clientsThatConnectFromDifferentAddressesAreCountedApart() {
		ApiClient fromLoopback = throughCaddyFrom("127.0.0.1");
		assertThat(List.of(fromLoopback.post("/api/v1/demo/acquire").status(),
				fromLoopback.post("/api/v1/demo/acquire").status(), fromLoopback.post("/api/v1/demo/acquire").status()))
			.containsExactly(201, 201, 429);

		assertThat(throughCaddyFrom(HostAddresses.mainIpv4()).post("/api/v1/demo/acquire").status())
			.as("another address is another client")
			.isEqualTo(201);
	}

	/** Caddy's public listener, reached at {@code address}, routing to the API. */
	private static ApiClient throughCaddyFrom(String address) {
		return new ApiClient("http://" + address + ":" + deployment.publicPort(),
				"demo.localhost:" + deployment.publicPort());
	}

	private static IntFunction<String[]> spoof(IntFunction<String[]> headers) {
		return headers;
	}

	private static String[] h(String... namesAndValues) {
		return namesAndValues;
	}

}
