package com.demomultiplexer.container;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one shop container.
 *
 * @param name the container's name, unique per deployment
 * @param image the image, present on the engine
 * @param environment its environment variables
 * @param files files placed in it before it starts
 * @param labels marker labels, so our containers can be found again
 * @param network the Docker network it joins
 * @param bindAddress host address the container port is published on
 * @param hostPort host port the container port is published on
 * @param containerPort the port the shop listens on inside
 * @param confinement what the container may use and do
 */
public record ContainerSpec(String name, String image, Map<String, String> environment, List<ContainerFile> files,
		Map<String, String> labels, String network, String bindAddress, int hostPort, int containerPort,
		Confinement confinement) {

	/**
	 * The limits and privileges of a shop: a prospect is an administrator inside it and
	 * can run any code there, so it gets as little as the image needs.
	 *
	 * @param memoryBytes memory limit
	 * @param nanoCpus CPU limit in billionths of a CPU
	 * @param pidsLimit process limit (stops fork bombs)
	 * @param logMaxBytes size at which its log is rotated (two files are kept)
	 * @param capabilities the Linux capabilities it keeps; all others are dropped
	 */
	public record Confinement(long memoryBytes, long nanoCpus, long pidsLimit, long logMaxBytes,
			List<String> capabilities) {
	}

}
