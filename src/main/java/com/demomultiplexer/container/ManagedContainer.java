package com.demomultiplexer.container;

import java.util.Map;

/**
 * A container carrying our labels, as the engine lists it.
 *
 * @param name its name
 * @param labels its labels
 * @param running whether its process runs
 */
public record ManagedContainer(String name, Map<String, String> labels, boolean running) {

	/** The instance id label, or null for a container without one. */
	public String instanceId() {
		return this.labels.get(ShopContainers.INSTANCE_LABEL);
	}

}
