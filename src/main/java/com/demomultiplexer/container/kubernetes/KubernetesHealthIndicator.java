package com.demomultiplexer.container.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.container.ContainerRuntime;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the Kubernetes API server answers in the shops' namespace: without it the pool
 * cannot be refilled. It stands in for the Docker engine's indicator, whose socket and
 * name mean nothing here.
 */
class KubernetesHealthIndicator extends AbstractHealthIndicator {

	private final ContainerRuntime runtime;

	private final String apiServer;

	private final String namespace;

	KubernetesHealthIndicator(ContainerRuntime runtime, KubernetesClient client, KubernetesProperties kubernetes) {
		this.runtime = runtime;
		this.apiServer = String.valueOf(client.getMasterUrl());
		this.namespace = kubernetes.namespace();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("apiServer", this.apiServer).withDetail("namespace", this.namespace);
		this.runtime.ping();
		builder.up();
	}

}
