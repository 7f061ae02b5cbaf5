package com.demomultiplexer.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ApiProperties;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which address a request is counted under, with loopback (where Caddy runs) and
 * 10.0.0.0/8 (a load balancer) as trusted proxies.
 */
class ClientAddressesTest {

	private final ClientAddresses addresses = new ClientAddresses(
			new ApiProperties(List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8"), List.of(), DataSize.ofKilobytes(4)));

	@Test
	void fromATrustedProxyTheAddressItAppendedIsTheClient() {
		assertThat(key("127.0.0.1", "X-Forwarded-For", "198.51.100.7")).isEqualTo("198.51.100.7");
	}

	@Test
	void theChainIsWalkedBackOnlyThroughTrustedProxies() {
		assertThat(key("127.0.0.1", "X-Forwarded-For", "203.0.113.9, 198.51.100.7, 10.1.2.3"))
			.as("the load balancer is trusted, the address before it is the client, what came before is its word")
			.isEqualTo("198.51.100.7");
		assertThat(key("127.0.0.1", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-For", "198.51.100.7"))
			.as("several header lines are one chain, in order")
			.isEqualTo("198.51.100.7");
	}

	@Test
	void forwardedAndTheLikeAreNeverBelievedEvenFromATrustedProxy() {
		assertThat(key("127.0.0.1", "Forwarded", "for=198.51.100.7")).isEqualTo("127.0.0.1");
		assertThat(key("127.0.0.1", "X-Real-IP", "198.51.100.7")).isEqualTo("127.0.0.1");
		assertThat(key("127.0.0.1", "Forwarded", "for=198.51.100.7", "X-Forwarded-For", "203.0.113.9"))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void fromAnyoneElseForwardingHeadersAreIgnored() {
		assertThat(key("192.0.2.50", "X-Forwarded-For", "198.51.100.7")).isEqualTo("192.0.2.50");
	}

	@Test
	void somethingThatIsNoAddressEndsTheWalk() {
		assertThat(key("127.0.0.1", "X-Forwarded-For", "198.51.100.7, localhost")).isEqualTo("127.0.0.1");
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() {
		assertThat(key("::1", "X-Forwarded-For", "2001:db8:1:2:aaaa::1"))
			.isEqualTo(key("::1", "X-Forwarded-For", "2001:db8:1:2:bbbb::9"))
			.isEqualTo("20010db800010002/64");
	}

	private String key(String peer, String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return this.addresses.clientKey(request);
	}

}
