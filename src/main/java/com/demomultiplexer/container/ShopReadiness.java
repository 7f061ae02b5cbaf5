package com.demomultiplexer.container;

import java.time.Duration;

/**
 * Waits until a booting shop answers 200 to its own host name: on the Docker API's
 * engines the service asks the shop itself, on Kubernetes the kubelet does and the
 * service follows the Pod's Ready condition.
 */
public interface ShopReadiness {

	/**
	 * Returns once the shop in container {@code name}, published on {@code hostPort},
	 * answers 200 to {@code authority} (its PS_DOMAIN).
	 * @throws WarmupFailedException when the container stops or the timeout passes first
	 */
	void await(String name, int hostPort, String authority, Duration timeout) throws InterruptedException;

}
