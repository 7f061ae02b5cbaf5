package com.demomultiplexer.container;

/**
 * The container engine, as the pool needs it.
 */
public interface ContainerRuntime {

	/**
	 * Creates and starts a container; fails if the image is missing or the port is taken.
	 */
	void start(ContainerSpec spec);

	/**
	 * What the engine says about a container; {@link ContainerStatus#GONE} when it does
	 * not exist.
	 */
	ContainerStatus status(String name);

	/** Kills and removes a container; a container that is already gone is fine. */
	void remove(String name);

	/** Fails when the engine cannot be reached. */
	void ping();

}
