package com.demomultiplexer.support;

import java.util.Optional;

import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.store.Fence;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** A leader's lease as unit tests need it: held with a given token, or not held. */
public final class Leases {

	private Leases() {
	}

	public static LeaderLease leading(Fence fence) {
		LeaderLease lease = mock(LeaderLease.class);
		given(lease.fence()).willReturn(Optional.of(fence));
		given(lease.isLeader()).willReturn(true);
		return lease;
	}

	/**
	 * The token of the service's own lease, once it leads (it claims the lease right
	 * after start-up): for a test that plays the leader's part.
	 */
	public static Fence awaitLeading(LeaderLease lease) {
		return org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(lease::fence, Optional::isPresent)
			.orElseThrow();
	}

	public static LeaderLease following() {
		LeaderLease lease = mock(LeaderLease.class);
		given(lease.fence()).willReturn(Optional.empty());
		return lease;
	}

}
