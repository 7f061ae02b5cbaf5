package com.demomultiplexer.container;

import com.demomultiplexer.config.ContainerProperties.Mode;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when CONTAINER_MODE names an engine that answers the Docker Engine API (Docker,
 * the default, or Podman), so that the docker-java client and its runtime exist only
 * then.
 */
class OnDockerApi extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Mode mode = Binder.get(context.getEnvironment()).bind("container.mode", Mode.class).orElse(Mode.DOCKER);
		return (mode != Mode.KUBERNETES) ? ConditionOutcome.match("CONTAINER_MODE is " + mode)
				: ConditionOutcome.noMatch("CONTAINER_MODE is kubernetes");
	}

}
