package com.demomultiplexer.support;

import java.time.Duration;

import org.apache.hc.client5.http.impl.classic.HttpClients;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client tests use: Apache HttpClient (it lets a test set the Host header),
 * showing every answer as it came. Redirects are not followed and nothing is retried:
 * HttpClient would otherwise sleep through a 429's or 503's Retry-After before the test
 * saw it.
 */
public final class TestHttp {

	private TestHttp() {
	}

	public static RestClient client() {
		return RestClient.builder().requestFactory(requestFactory()).build();
	}

	/**
	 * The same, giving up on an answer after {@code readTimeout}: for requests that may
	 * reach a frozen process.
	 */
	public static RestClient client(Duration readTimeout) {
		HttpComponentsClientHttpRequestFactory requests = requestFactory();
		requests.setReadTimeout(readTimeout);
		return RestClient.builder().requestFactory(requests).build();
	}

	private static HttpComponentsClientHttpRequestFactory requestFactory() {
		return new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.setConnectionReuseStrategy((request, response, context) -> false)
			.build());
	}

}
