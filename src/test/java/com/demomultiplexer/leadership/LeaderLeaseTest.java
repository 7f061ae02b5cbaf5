package com.demomultiplexer.leadership;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.store.Fence;
import com.demomultiplexer.store.LeaseStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lease as one replica sees it, on a store kept in memory and a monotonic clock the
 * test moves: nothing here waits for real time.
 */
class LeaderLeaseTest {

	private static final Duration LEASE = Duration.ofSeconds(5);

	private final FakeStore store = new FakeStore();

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final List<Object> changes = new CopyOnWriteArrayList<>();

	private final LeaderLease a = new LeaderLease(this.store, "a", LEASE, this.changes::add, this.nanos::get);

	private final LeaderLease b = new LeaderLease(this.store, "b", LEASE, (event) -> {
	}, this.nanos::get);

	@Test
	void theFirstToClaimLeadsAndTheOtherFollowsItsHolder() {
		this.a.renew();
		this.b.renew();

		assertThat(this.a.isLeader()).isTrue();
		assertThat(this.a.fence()).contains(new Fence("1 a"));
		assertThat(this.b.isLeader()).isFalse();
		assertThat(this.b.holder()).isEqualTo("a");
		await().until(() -> this.changes.equals(List.of(new LeadershipChanged(true, "a"))));
	}

	@Test
	void aLeaderThatRenewsInTimeKeepsItsToken() {
		this.a.renew();
		this.nanos.addAndGet(Duration.ofSeconds(4).toNanos());
		this.a.renew();
		this.nanos.addAndGet(Duration.ofSeconds(4).toNanos());

		assertThat(this.a.fence()).as("8 s after the first claim, 4 s after the renewal").contains(new Fence("1 a"));
	}

	@Test
	void aFrozenLeaderKnowsItNoLongerLeadsBeforeItCanAskAndItsSuccessorGetsANewToken() {
		this.a.renew();
		assertThat(this.a.isLeader()).as("the control: it led").isTrue();

		// Frozen past its lease: nothing ran, Valkey let the lease run out.
		this.nanos.addAndGet(LEASE.toNanos());
		this.store.expire();

		assertThat(this.a.isLeader()).as("the moment it runs again").isFalse();
		this.b.renew();
		assertThat(this.b.fence()).contains(new Fence("2 b"));
		this.a.renew();
		assertThat(this.a.isLeader()).isFalse();
		assertThat(this.a.holder()).isEqualTo("b");
		await().until(() -> this.changes
			.equals(List.of(new LeadershipChanged(true, "a"), new LeadershipChanged(false, "b"))));
	}

	@Test
	void whileValkeyIsDownTheLeaderLeadsUntilItsLeaseWouldRunOutAndNoLonger() {
		this.a.renew();
		this.store.down = true;
		this.nanos.addAndGet(Duration.ofSeconds(4).toNanos());
		this.a.renew();
		assertThat(this.a.isLeader()).as("4 s into a 5 s lease").isTrue();

		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		this.a.renew();

		assertThat(this.a.isLeader()).isFalse();
		await().until(
				() -> this.changes.equals(List.of(new LeadershipChanged(true, "a"), new LeadershipChanged(false, ""))));
	}

	@Test
	void aLeaderWhoseRenewalsGotNoAnswerPastItsLeaseTakesItBackWhenNobodyElseHasIt() {
		this.a.renew();
		// Valkey is slow: the renewals run there, but their answers come too late.
		this.store.slow = true;
		this.nanos.addAndGet(LEASE.toNanos());
		this.a.renew();
		assertThat(this.a.isLeader()).as("the control: its lease ran out here").isFalse();

		this.store.slow = false;
		this.a.renew();

		assertThat(this.a.fence()).as("not a follower of its own lease").contains(new Fence("1 a"));
		this.b.renew();
		assertThat(this.b.isLeader()).isFalse();
	}

	@Test
	void aLeaderThatStopsGivesTheLeaseUpAtOnce() {
		this.a.renew();
		this.a.destroy();

		this.b.renew();

		assertThat(this.b.fence()).contains(new Fence("2 b"));
	}

	/** lease.lua's rules, in memory. */
	private static final class FakeStore implements LeaseStore {

		private String token;

		private long epoch;

		private volatile boolean down;

		private volatile boolean slow;

		@Override
		public synchronized LeaseClaim claim(String replica, String heldToken, Duration lease) {
			if (this.down) {
				throw new IllegalStateException("Valkey is down");
			}
			if (this.token != null) {
				if (this.slow) {
					throw new IllegalStateException("Valkey did not answer in time");
				}
				return new LeaseClaim(this.token.equals(heldToken), this.token);
			}
			this.token = (++this.epoch) + " " + replica;
			return new LeaseClaim(true, this.token);
		}

		@Override
		public synchronized void resign(String token) {
			if (token.equals(this.token)) {
				this.token = null;
			}
		}

		synchronized void expire() {
			this.token = null;
		}

	}

}
