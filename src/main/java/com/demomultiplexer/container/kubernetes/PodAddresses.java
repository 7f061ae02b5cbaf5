package com.demomultiplexer.container.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.container.ShopUpstreams;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;

/**
 * On Kubernetes, Caddy reaches a shop at its Pod's IP and the port its container
 * declares: no host port is published, and the Pod network routes between nodes.
 */
class PodAddresses implements ShopUpstreams {

	private final KubernetesClient client;

	private final String namespace;

	private final DependencyCalls calls;

	PodAddresses(KubernetesClient client, KubernetesProperties kubernetes, DependencyCalls calls) {
		this.client = client;
		this.namespace = kubernetes.namespace();
		this.calls = calls;
	}

	@Override
	public String dial(String name, int hostPort) {
		Pod pod = this.calls.call(Dependency.KUBERNETES,
				() -> this.client.pods().inNamespace(this.namespace).withName(name).get());
		if (pod == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null
				|| pod.getStatus().getPodIP().isEmpty()) {
			throw new IllegalStateException("Pod " + name + " has no IP address");
		}
		String ip = pod.getStatus().getPodIP();
		// An IPv6 address is bracketed before its port, as Caddy reads a dial address.
		return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + ShopPods.port(pod);
	}

}
