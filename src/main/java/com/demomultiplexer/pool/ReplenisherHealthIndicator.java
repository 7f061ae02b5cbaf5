package com.demomultiplexer.pool;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Whether the pool is being refilled: UP while warm-ups succeed or back off,
 * OUT_OF_SERVICE while repeated failures pause the replenisher (shops already ready are
 * still handed out).
 */
@Component
class ReplenisherHealthIndicator extends AbstractHealthIndicator {

	private final WarmupBackoff backoff;

	ReplenisherHealthIndicator(WarmupBackoff backoff) {
		this.backoff = backoff;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		WarmupBackoff.State state = this.backoff.state();
		builder.status(state.paused() ? "OUT_OF_SERVICE" : "UP")
			.withDetail("state",
					state.paused() ? "paused" : (state.consecutiveFailures() > 0) ? "backing-off" : "running")
			.withDetail("consecutiveFailures", state.consecutiveFailures());
		if (state.lastFailure() != null) {
			builder.withDetail("lastFailure", state.lastFailure().name().toLowerCase(java.util.Locale.ROOT));
			if (state.lastCause() != null) {
				builder.withDetail("cause", state.lastCause());
			}
		}
		if (state.nextAttempt() != null) {
			builder.withDetail("nextAttempt", state.nextAttempt().toString());
		}
	}

}
