package com.demomultiplexer.container.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the kubelet against the mock API server, which has none: it sets what a node
 * would report about a shop's Pod.
 */
record Kubelet(KubernetesClient client, String namespace) {

	/** Scheduled and started: an IP, phase Running, not yet ready. */
	void run(String pod, String ip) {
		report(pod, "Running", ip, List.of(condition("Ready", "False")),
				new ContainerStatusBuilder().withName(ShopPods.CONTAINER)
					.withNewState()
					.withNewRunning()
					.endRunning()
					.endState()
					.withReady(false)
					.build());
	}

	/** The readiness probe passed. */
	void ready(String pod, String ip) {
		report(pod, "Running", ip, List.of(condition("Ready", "True")),
				new ContainerStatusBuilder().withName(ShopPods.CONTAINER)
					.withNewState()
					.withNewRunning()
					.endRunning()
					.endState()
					.withReady(true)
					.build());
	}

	/** The shop's process ended. */
	void terminate(String pod, int exitCode, String reason) {
		report(pod, "Failed", null, List.of(condition("Ready", "False")),
				new ContainerStatusBuilder().withName(ShopPods.CONTAINER)
					.withNewState()
					.withNewTerminated()
					.withExitCode(exitCode)
					.withReason(reason)
					.endTerminated()
					.endState()
					.withReady(false)
					.build());
	}

	/** The image is not on the node and may not be pulled. */
	void cannotPull(String pod) {
		waiting(pod, "ErrImageNeverPull", "image is not present");
	}

	/** The container cannot start, for {@code reason}. */
	void waiting(String pod, String reason, String message) {
		report(pod, "Pending", null, List.of(condition("Ready", "False")),
				new ContainerStatusBuilder().withName(ShopPods.CONTAINER)
					.withNewState()
					.withNewWaiting()
					.withReason(reason)
					.withMessage(message)
					.endWaiting()
					.endState()
					.withReady(false)
					.build());
	}

	void delete(String pod) {
		this.client.pods().inNamespace(this.namespace).withName(pod).withGracePeriod(0).delete();
	}

	private void report(String pod, String phase, String ip, List<PodCondition> conditions,
			io.fabric8.kubernetes.api.model.ContainerStatus container) {
		this.client.pods()
			.inNamespace(this.namespace)
			.withName(pod)
			.edit((current) -> new PodBuilder(current).withNewStatus()
				.withPhase(phase)
				.withPodIP(ip)
				.withConditions(conditions)
				.withContainerStatuses(container)
				.endStatus()
				.build());
	}

	private static PodCondition condition(String type, String status) {
		return new PodConditionBuilder().withType(type).withStatus(status).build();
	}

}
