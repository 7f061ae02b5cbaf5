package com.demomultiplexer.store;

import java.time.Duration;
import java.util.List;

/**
 * The replicas of a deployment that are alive, and where their APIs are (replicas.lua).
 */
public interface ReplicaDirectory {

	/**
	 * Says that {@code name} is alive with its API at {@code api}; answers every replica
	 * heard from within {@code timeToLive}, this one included, sorted by name.
	 */
	List<Replica> beat(String name, String api, Duration timeToLive);

	/** Says that {@code name} stops; answers the replicas still alive. */
	List<Replica> leave(String name, Duration timeToLive);

	/** A replica and where Caddy reaches its API. */
	record Replica(String name, String api) {
	}

}
