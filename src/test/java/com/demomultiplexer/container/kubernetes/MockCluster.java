package com.demomultiplexer.container.kubernetes;

import java.util.HashMap;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A cluster for a test of the whole service: fabric8's mock API server in CRUD mode (as
 * {@code @EnableKubernetesMockClient(crud = true)} makes it, but living as long as a
 * Spring context rather than one test class's extension), with a {@link DockerKubelet}
 * that runs its Pods in one namespace.
 */
final class MockCluster implements AutoCloseable {

	private final KubernetesMockServer server;

	private final KubernetesClient client;

	private final KubernetesClient kubeletClient;

	private final DockerKubelet kubelet;

	private final String namespace;

	MockCluster(String namespace) {
		this.namespace = namespace;
		this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
				new HashMap<>(), new KubernetesMixedDispatcher(new HashMap<>()), false);
		this.server.init();
		this.client = MockApiClients.patient(this.server.createClient());
		this.kubeletClient = MockApiClients.patient(this.server.createClient());
		this.kubelet = new DockerKubelet(this.kubeletClient, namespace);
	}

	/**
	 * A new client of the API server, such as the service's own; it waits out the mock
	 * server's stalls (see {@link MockApiClients}).
	 */
	KubernetesClient newClient() {
		return MockApiClients.patient(this.server.createClient());
	}

	/** The test's own view of the API server, as kubectl. */
	KubernetesClient client() {
		return this.client;
	}

	DockerKubelet kubelet() {
		return this.kubelet;
	}

	String namespace() {
		return this.namespace;
	}

	@Override
	public void close() {
		this.kubelet.close();
		this.kubeletClient.close();
		this.client.close();
		this.server.destroy();
	}

}
