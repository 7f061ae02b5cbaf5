package com.demomultiplexer.proxy;

import java.util.List;
import java.util.Set;

import com.demomultiplexer.domain.InstanceId;

/**
 * The reverse proxy that sends a shop's host name to its container.
 */
public interface RouteManager {

	/**
	 * Creates the server shop routes go into, with its fallback route, if it is missing,
	 * and has its API route spread requests over {@code apiUpstreams} (the replicas'
	 * APIs).
	 */
	void ensureServer(List<String> apiUpstreams);

	/** Routes {@code host} to the shop at {@code upstream} ({@code host:port}). */
	void add(InstanceId id, String host, String upstream);

	/** Removes the shop's route; a route that is already gone is fine. */
	void remove(InstanceId id);

	/** The ids of the shops that have a route. */
	Set<InstanceId> routed();

	/** Fails when the proxy's admin API cannot be reached. */
	void ping();

}
