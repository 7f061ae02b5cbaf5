package com.demomultiplexer.container;

import java.util.Map;

/**
 * Everything needed to start one shop container.
 *
 * @param name the container's name, unique per deployment
 * @param image the image, present on the engine
 * @param environment its environment variables
 * @param labels marker labels, so our containers can be found again
 * @param bindAddress host address the container port is published on
 * @param hostPort host port the container port is published on
 * @param containerPort the port the shop listens on inside
 * @param memoryBytes memory limit
 * @param nanoCpus CPU limit in billionths of a CPU
 * @param pidsLimit process limit
 */
public record ContainerSpec(String name, String image, Map<String, String> environment, Map<String, String> labels,
		String bindAddress, int hostPort, int containerPort, long memoryBytes, long nanoCpus, long pidsLimit) {
}
