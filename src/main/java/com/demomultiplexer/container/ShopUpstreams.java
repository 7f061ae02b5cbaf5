package com.demomultiplexer.container;

/**
 * Where the proxy reaches a running shop: on the Docker API's engines, the host port the
 * shop is published on; on Kubernetes, its Pod's own address.
 */
public interface ShopUpstreams {

	/**
	 * The {@code host:port} the proxy dials to reach the shop in container {@code name},
	 * published on {@code hostPort}.
	 * @throws IllegalStateException when the shop has no address (it is gone, or not yet
	 * scheduled)
	 */
	String dial(String name, int hostPort);

}
