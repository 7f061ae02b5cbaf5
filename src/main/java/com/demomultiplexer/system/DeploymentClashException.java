package com.demomultiplexer.system;

/**
 * Start-up refused: another live deployment on the same Valkey claims part of what this
 * one would use. The message names the other deployment and the setting to change.
 */
class DeploymentClashException extends IllegalStateException {

	DeploymentClashException(String message) {
		super(message);
	}

}
