package com.demomultiplexer.support;

import java.time.Instant;

import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.AcquireRequest;
import com.demomultiplexer.store.AcquireResult;
import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.InstanceRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shops recorded straight into a running service's Valkey by the scripts a warm-up uses,
 * without a container: for end-to-end tests of what happens around shops (events), with
 * the replenisher off.
 */
public final class SeededShops {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private SeededShops() {
	}

	/** A ready shop, warmed under the service's own leader token. */
	public static InstanceId ready(InstanceRepository instances, LeaderLease lease) {
		Fence fence = Leases.awaitLeading(lease);
		InstanceId id = InstanceId.random();
		instances.reserve(id, Instant.now(), LOGIN, fence).orElseThrow();
		assertThat(instances.markReady(id, Instant.now(), fence)).isTrue();
		return id;
	}

	/** Hands out every ready shop, so that the next acquire gets the next one made. */
	public static void takeAll(InstanceRepository instances) {
		AcquireRequest drain = new AcquireRequest("drain", "none", Instant.now(), Instant.now().plusSeconds(60),
				new AcquireRequest.ClientLimits(1000, 1000, 1000), false);
		while (instances.acquire(drain) instanceof AcquireResult.Granted) {
			// keep taking
		}
	}

}
