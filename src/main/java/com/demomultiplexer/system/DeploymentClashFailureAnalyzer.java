package com.demomultiplexer.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a refused start-up beside another deployment as what it is, the clash and what to
 * change, instead of a bean-creation stack trace.
 */
class DeploymentClashFailureAnalyzer extends AbstractFailureAnalyzer<DeploymentClashException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DeploymentClashException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Change the setting named above for this deployment (README, \"Several deployments on one host\").",
				cause);
	}

}
