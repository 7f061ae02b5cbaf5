package com.demomultiplexer.leadership;

import com.demomultiplexer.store.ReplicaDirectory.Replica;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Which replica this is, which one leads and which are alive, on
 * {@code /actuator/health}. Always UP: a follower is as healthy as the leader, and
 * Valkey's own indicator says when the lease cannot be reached.
 */
@Component
class LeadershipHealthIndicator extends AbstractHealthIndicator {

	private final LeaderLease lease;

	private final ReplicaHeartbeat heartbeat;

	private final ThisReplica self;

	LeadershipHealthIndicator(LeaderLease lease, ReplicaHeartbeat heartbeat, ThisReplica self) {
		this.lease = lease;
		this.heartbeat = heartbeat;
		this.self = self;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up()
			.withDetail("replica", this.self.name())
			.withDetail("leads", this.lease.isLeader())
			.withDetail("leader", this.lease.holder())
			.withDetail("replicas", this.heartbeat.alive().stream().map(Replica::name).toList());
	}

}
