package com.demomultiplexer.store;

import com.demomultiplexer.domain.InstanceId;

/**
 * Key names, all under one prefix per deployment. The prefix is a hash tag
 * ({@code {name}}) so every key of a deployment lands on one cluster slot and the scripts
 * may touch them together.
 */
record ValkeyKeys(String prefix) {

	static ValkeyKeys forDeployment(String deployment) {
		return new ValkeyKeys("{" + deployment + "}:");
	}

	String ready() {
		return this.prefix + "ready";
	}

	String warming() {
		return this.prefix + "warming";
	}

	String assigned() {
		return this.prefix + "assigned";
	}

	String ending() {
		return this.prefix + "ending";
	}

	String freePorts() {
		return this.prefix + "ports:free";
	}

	String seededPortRange() {
		return this.prefix + "ports:range";
	}

	String instancePrefix() {
		return this.prefix + "instance:";
	}

	String instance(InstanceId id) {
		return instancePrefix() + id.value();
	}

	String clientPrefix() {
		return this.prefix + "client:";
	}

	/** The client's acquires of the last day (sliding-window rate limits). */
	String clientAcquires(String client) {
		return clientPrefix() + client + ":acquires";
	}

	/**
	 * The shops the client holds now; the scripts derive this name from
	 * {@link #clientPrefix()}.
	 */
	String clientLive(String client) {
		return clientPrefix() + client + ":live";
	}

	/** The pub/sub channel of {@link com.demomultiplexer.domain.InstanceEvent}s. */
	String events() {
		return this.prefix + "events";
	}

}
