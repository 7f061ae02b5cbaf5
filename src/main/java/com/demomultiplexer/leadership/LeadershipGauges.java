package com.demomultiplexer.leadership;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code demo_replica_leader{replica}}: 1 on the replica that leads, 0 on the others, so
 * that summing over a deployment's replicas shows one leader (0 during a takeover, never
 * 2); {@code demo_replicas}: how many replicas this one sees alive.
 */
@Component
class LeadershipGauges {

	LeadershipGauges(LeaderLease lease, ReplicaHeartbeat heartbeat, ThisReplica self, MeterRegistry meters) {
		Gauge.builder("demo.replica.leader", lease, (held) -> held.isLeader() ? 1 : 0)
			.description("1 when this replica leads its deployment (refills, reaps, reconciles)")
			.tag("replica", self.name())
			.register(meters);
		Gauge.builder("demo.replicas", heartbeat, (alive) -> alive.alive().size())
			.description("Replicas of this deployment alive, as this one last heard")
			.register(meters);
	}

}
