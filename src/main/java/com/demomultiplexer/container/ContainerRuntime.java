package com.demomultiplexer.container;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The container engine, as the pool needs it.
 */
public interface ContainerRuntime {

	/**
	 * Creates a container, places its files and starts it; fails if the image is missing,
	 * a file cannot be placed or the port is taken, and then leaves nothing behind.
	 */
	void start(ContainerSpec spec);

	/**
	 * What the engine says about a container; {@link ContainerStatus#GONE} when it does
	 * not exist.
	 */
	ContainerStatus status(String name);

	/** Kills and removes a container; a container that is already gone is fine. */
	void remove(String name);

	/**
	 * Every container, running or not, that carries all of these labels; where each shop
	 * has a network of its own (Podman), also each such network whose container is gone,
	 * as a container that does not run: {@link #remove} removes it.
	 */
	List<ManagedContainer> list(Map<String, String> labels);

	/**
	 * Calls {@code onStop} with the labels of each container carrying {@code labels} that
	 * stops (exits, is killed, runs out of memory), until the returned handle is closed.
	 * The stream ends when the engine goes away; {@code onEnd} is then called so the
	 * caller can subscribe again.
	 */
	Closeable watchStops(Map<String, String> labels, Consumer<Map<String, String>> onStop, Runnable onEnd);

	/** Creates the shops' network unless it exists (an existing one is left as it is). */
	void ensureNetwork(ShopNetwork network);

	/** Fails when the engine cannot be reached. */
	void ping();

}
