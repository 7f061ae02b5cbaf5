package com.demomultiplexer.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.lettuce.core.ScriptOutputType;

import org.springframework.stereotype.Component;

/** {@link ReplicaDirectory} in Valkey: replicas.lua. */
@Component
class ValkeyReplicaDirectory implements ReplicaDirectory {

	private static final ValkeyScript REPLICAS = ValkeyScript.load("replicas");

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	ValkeyReplicaDirectory(ValkeyCalls valkey, ValkeyKeys keys) {
		this.valkey = valkey;
		this.keys = keys;
	}

	@Override
	public List<Replica> beat(String name, String api, Duration timeToLive) {
		return run(name, api, timeToLive);
	}

	@Override
	public List<Replica> leave(String name, Duration timeToLive) {
		return run(name, "", timeToLive);
	}

	private List<Replica> run(String name, String api, Duration timeToLive) {
		List<String> reply = this.valkey.run(REPLICAS, ScriptOutputType.MULTI, new String[] { this.keys.replicas() },
				name, api, String.valueOf(timeToLive.toMillis()));
		List<Replica> alive = new ArrayList<>();
		for (int i = 0; i < reply.size(); i += 2) {
			alive.add(new Replica(reply.get(i), reply.get(i + 1)));
		}
		alive.sort(Comparator.comparing(Replica::name));
		return alive;
	}

}
