package com.demomultiplexer.leadership;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.ReplicaProperties;
import com.demomultiplexer.store.ReplicaDirectory;
import com.demomultiplexer.store.ReplicaDirectory.Replica;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Says every REPLICA_RENEW_INTERVAL that this replica is alive, and keeps the list of
 * those that are: the leader gives Caddy their APIs as upstreams. A replica not heard
 * from for REPLICA_LEASE drops out of the list; one that stops leaves it at once.
 */
@Component
public class ReplicaHeartbeat implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReplicaHeartbeat.class);

	private final ReplicaDirectory directory;

	private final ThisReplica self;

	private final Duration timeToLive;

	private volatile List<Replica> alive;

	ReplicaHeartbeat(ReplicaDirectory directory, ThisReplica self, ReplicaProperties properties) {
		this.directory = directory;
		this.self = self;
		this.timeToLive = properties.lease();
		this.alive = List.of(new Replica(self.name(), self.api()));
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${replica.renew-interval}")
	void beat() {
		try {
			this.alive = this.directory.beat(this.self.name(), this.self.api(), this.timeToLive);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot tell Valkey that this replica is alive: {}", ex.toString());
		}
	}

	/** The replicas heard from at the last beat, this one included, by name. */
	public List<Replica> alive() {
		return this.alive;
	}

	/**
	 * Where Caddy reaches the APIs of the replicas alive, sorted, this one's included.
	 */
	public List<String> apis() {
		return this.alive.stream().map(Replica::api).distinct().sorted().toList();
	}

	@Override
	public void destroy() {
		try {
			this.directory.leave(this.self.name(), this.timeToLive);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot tell Valkey that this replica stops: {}", ex.toString());
		}
	}

}
