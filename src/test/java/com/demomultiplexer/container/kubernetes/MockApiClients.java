package com.demomultiplexer.container.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Clients of fabric8's mock API server that wait out its stalls. Closing a watch blocks
 * the mock server's single event loop on its own send thread for about ten seconds, which
 * is the default request timeout: a request sent meanwhile would fail. A real API server
 * does not stall so, and the service's own requests keep CONTAINER_ENGINE_TIMEOUT.
 */
final class MockApiClients {

	private static final int PATIENT_REQUEST_TIMEOUT_MILLIS = 60_000;

	private MockApiClients() {
	}

	/**
	 * A new client of the same server as {@code client}, with a longer request timeout.
	 */
	static KubernetesClient patient(KubernetesClient client) {
		return new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(client.getConfiguration()).withRequestTimeout(PATIENT_REQUEST_TIMEOUT_MILLIS)
				.build())
			.build();
	}

}
