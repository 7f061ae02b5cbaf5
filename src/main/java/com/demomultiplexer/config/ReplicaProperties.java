package com.demomultiplexer.config;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This process as one replica of its deployment.
 *
 * @param name REPLICA_NAME: how logs, metrics and the admin API name this replica; unique
 * within the deployment. Empty: the host's name and SERVER_PORT.
 * @param lease REPLICA_LEASE: how long the leader's lease lasts without renewal, and so
 * how soon another replica takes over from a leader that died or froze
 * @param renewInterval REPLICA_RENEW_INTERVAL: how often each replica renews or claims
 * the lease and says it is alive; at most a third of the lease, so that two renewals can
 * fail before it runs out
 */
@Validated
@ConfigurationProperties("replica")
public record ReplicaProperties(
		@Pattern(regexp = "[A-Za-z0-9._:-]{0,64}",
				message = "must be at most 64 letters, digits, dots, colons, dashes or underscores") String name,
		@NotNull Duration lease, @NotNull Duration renewInterval) {

	@AssertTrue(message = "REPLICA_RENEW_INTERVAL must be positive and at most a third of REPLICA_LEASE")
	boolean isRenewedInTime() {
		return this.lease == null || this.renewInterval == null
				|| (this.renewInterval.isPositive() && this.renewInterval.multipliedBy(3).compareTo(this.lease) <= 0);
	}

}
