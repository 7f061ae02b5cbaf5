package com.demomultiplexer.container;

import com.demomultiplexer.config.ContainerProperties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Up when the container engine answers: without it the pool cannot be refilled. Only on
 * the Docker Engine API: with CONTAINER_MODE=kubernetes it would name a socket that is
 * not used, and KubernetesHealthIndicator reports the API server instead.
 */
@Component
@Conditional(OnDockerApi.class)
class DockerHealthIndicator extends AbstractHealthIndicator {

	private final ContainerRuntime runtime;

	private final ContainerProperties container;

	DockerHealthIndicator(ContainerRuntime runtime, ContainerProperties container) {
		this.runtime = runtime;
		this.container = container;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("engine", this.container.engineUri().toString()).withDetail("mode", this.container.mode());
		this.runtime.ping();
		builder.up();
	}

}
