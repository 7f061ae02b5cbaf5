package com.demomultiplexer.pool;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.PoolCounts;

import static org.assertj.core.api.Assertions.assertThat;

class ReplenishPolicyTest {

	@Test
	void anEmptyPoolWarmsUpToTheTargetAsFarAsSlotsAllow() {
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(0, 0, 0, 0), 10, 50, 4)).isEqualTo(4);
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(0, 0, 0, 0), 3, 50, 4)).isEqualTo(3);
	}

	@Test
	void shopsAlreadyWarmingCountTowardsTheTarget() {
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(5, 3, 0, 0), 10, 50, 4)).isEqualTo(2);
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(7, 3, 0, 0), 10, 50, 4)).isZero();
	}

	@Test
	void assignedShopsDoNotCountTowardsTheTargetButDoTowardsTheMaximum() {
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(0, 0, 40, 0), 10, 50, 20)).isEqualTo(10);
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(0, 0, 45, 2), 10, 50, 20)).isEqualTo(3);
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(2, 1, 47, 0), 10, 50, 20)).isZero();
	}

	@Test
	void aPoolAboveItsTargetOrMaximumStartsNothing() {
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(12, 0, 0, 0), 10, 50, 4)).isZero();
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(0, 0, 60, 0), 10, 50, 4)).isZero();
	}

	@Test
	void noIdleSlotMeansNoNewWarmUp() {
		assertThat(ReplenishPolicy.instancesToStart(new PoolCounts(0, 0, 0, 0), 10, 50, 0)).isZero();
	}

}
