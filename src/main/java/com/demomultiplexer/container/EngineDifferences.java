package com.demomultiplexer.container;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;

import com.demomultiplexer.config.ContainerProperties.Mode;

/**
 * What differs between the engines that answer the Docker Engine API, so that
 * {@link DockerContainerRuntime} speaks that API once for both: how shops are kept apart
 * on the network, what a container must spell out to start, and what a container's death
 * is called in the event stream.
 */
interface EngineDifferences {

	/**
	 * The label on the networks the service makes; its value says whose: all shops' or
	 * one shop's.
	 */
	String NETWORK_LABEL = ShopContainers.DEPLOYMENT_LABEL + ".network";

	/** The engine for the mode, on that engine's client. */
	static EngineDifferences of(Mode mode, DockerClient docker) {
		return switch (mode) {
			case DOCKER -> new DockerEngine(docker);
			case PODMAN -> new PodmanEngine(docker);
			case KUBERNETES -> throw new IllegalArgumentException("Kubernetes does not answer the Docker Engine API");
		};
	}

	/**
	 * The action a container's death is filtered by in the event stream (the stream
	 * reports it as {@code die} on both engines).
	 */
	String deathEvent();

	/** Adds what this engine needs said explicitly for a shop to start. */
	HostConfig complete(HostConfig host);

	/**
	 * The network the shop joins: the one shops share, or one made for it now when each
	 * shop has one of its own.
	 */
	String networkFor(ContainerSpec spec);

	/**
	 * Removes what {@link #networkFor} made for a container that is gone; nothing when
	 * there is nothing.
	 */
	void removeNetworkOf(String container);

	/**
	 * The networks {@link #networkFor} made, carrying {@code labels}, whose container is
	 * not among {@code containers} (names): left by a process that died between making
	 * the two. Listed as containers that do not run, whose removal removes them.
	 */
	List<ManagedContainer> networksWithoutContainer(Map<String, String> labels, Set<String> containers);

	/** Makes the network shops share, if they share one and it is missing. */
	void ensureNetwork(ShopNetwork network);

}
