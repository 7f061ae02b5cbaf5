package com.demomultiplexer.container.kubernetes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * A shop Pod's state read from what the kubelet reports: whether it runs, whether it is
 * ready, and whether it has stopped for good. A shop's Pod is never restarted, so a
 * terminated container, a finished phase or a deletion under way all mean it is over.
 */
record PodState(Pod pod) {

	private static final Set<String> PERMANENT_WAITS = Set.of("ErrImageNeverPull", "InvalidImageName",
			"CreateContainerConfigError", "CreateContainerError");

	boolean stopped() {
		String phase = status().map(PodStatus::getPhase).orElse("Pending");
		return "Failed".equals(phase) || "Succeeded".equals(phase)
				|| this.pod.getMetadata().getDeletionTimestamp() != null || terminated().isPresent();
	}

	boolean running() {
		return "Running".equals(status().map(PodStatus::getPhase).orElse(null)) && !stopped();
	}

	/**
	 * The Ready condition is True: the kubelet's startup probe passed (a shop has no
	 * readiness probe).
	 */
	boolean ready() {
		return !stopped() && status().map(PodStatus::getConditions)
			.orElse(List.of())
			.stream()
			.anyMatch((condition) -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
	}

	/**
	 * The kubelet will not start the container however long it tries: the image is not on
	 * the node and may not be pulled, its name is invalid, or its configuration cannot be
	 * made. A Pod that is still pulling its image is not in this state.
	 */
	boolean cannotStart() {
		return status().map(PodStatus::getContainerStatuses)
			.orElse(List.of())
			.stream()
			.map(ContainerStatus::getState)
			.filter((state) -> state != null && state.getWaiting() != null)
			.anyMatch((state) -> PERMANENT_WAITS.contains(state.getWaiting().getReason()));
	}

	/** The engine-neutral status the pool reads. */
	com.demomultiplexer.container.ContainerStatus toContainerStatus() {
		Optional<ContainerStateTerminated> terminated = terminated();
		return new com.demomultiplexer.container.ContainerStatus(true, running(),
				terminated.map(ContainerStateTerminated::getExitCode).orElse(0),
				terminated.map((end) -> "OOMKilled".equals(end.getReason())).orElse(false));
	}

	/** Why the Pod stopped, in words for a log line. */
	String describeStop() {
		if (this.pod.getMetadata().getDeletionTimestamp() != null) {
			return "the pod was deleted";
		}
		if (terminated().isPresent()) {
			return toContainerStatus().describeStop();
		}
		if (cannotStart()) {
			return "the container cannot start: " + status().map(PodStatus::getContainerStatuses)
				.orElse(List.of())
				.stream()
				.map((container) -> container.getState().getWaiting())
				.filter((waiting) -> waiting != null)
				.map((waiting) -> waiting.getReason() + " (" + waiting.getMessage() + ")")
				.findFirst()
				.orElse("");
		}
		return "the pod " + status().map(PodStatus::getPhase).orElse("Pending").toLowerCase() + ": "
				+ status().map(PodStatus::getReason).orElse("no reason given");
	}

	private Optional<ContainerStateTerminated> terminated() {
		return status().map(PodStatus::getContainerStatuses)
			.orElse(List.of())
			.stream()
			.filter((container) -> ShopPods.CONTAINER.equals(container.getName()))
			.map(ContainerStatus::getState)
			.filter((state) -> state != null && state.getTerminated() != null)
			.map((state) -> state.getTerminated())
			.findFirst();
	}

	private Optional<PodStatus> status() {
		return Optional.ofNullable(this.pod.getStatus());
	}

}
