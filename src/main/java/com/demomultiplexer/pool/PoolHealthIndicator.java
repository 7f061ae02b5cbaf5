package com.demomultiplexer.pool;

import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Whether the service can hand out shops: DOWN when none is ready and none will come (the
 * replenisher is paused, by failures or by an operator). An empty pool that is refilling
 * is UP: it answers 503 with a Retry-After for a few seconds, which is normal under load.
 */
@Component
class PoolHealthIndicator extends AbstractHealthIndicator {

	private final InstanceRepository instances;

	private final WarmupBackoff backoff;

	private final PoolControls controls;

	PoolHealthIndicator(InstanceRepository instances, WarmupBackoff backoff, PoolControls controls) {
		this.instances = instances;
		this.backoff = backoff;
		this.controls = controls;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		PoolCounts counts = this.instances.counts();
		boolean refilling = !this.backoff.state().paused() && !this.controls.pausedByOperator();
		builder.status((counts.ready() > 0 || refilling) ? "UP" : "DOWN")
			.withDetail("ready", counts.ready())
			.withDetail("warming", counts.warming())
			.withDetail("assigned", counts.assigned())
			.withDetail("target", this.controls.target())
			.withDetail("refilling", refilling);
	}

}
