package com.demomultiplexer.store;

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

	/**
	 * Every shop's record: a hash from id to the record as a JSON object. One key rather
	 * than one per shop, so that a script can declare it before it knows which shop it
	 * will touch (see acquire.lua).
	 */
	String instances() {
		return this.prefix + "instances";
	}

	String clientPrefix() {
		return this.prefix + "client:";
	}

	/** The client's acquires of the last day (sliding-window rate limits). */
	String clientAcquires(String client) {
		return clientPrefix() + client + ":acquires";
	}

	/** The shops the client holds now, by expiry. */
	String clientLive(String client) {
		return clientPrefix() + client + ":live";
	}

	/** The leader's fencing token, for as long as its lease lasts (lease.lua). */
	String leader() {
		return this.prefix + "leader";
	}

	/** Counts leaderships: each new one takes the next number for its token. */
	String leaderEpoch() {
		return this.prefix + "leader:epoch";
	}

	/** The replicas alive and where their APIs are (replicas.lua). */
	String replicas() {
		return this.prefix + "replicas";
	}

	/** What operators changed at run time (target, pause), for every replica. */
	String settings() {
		return this.prefix + "settings";
	}

	/**
	 * The lifecycle events not yet published by every sink (a stream), appended by the
	 * scripts that make each transition (README, "Events").
	 */
	String outbox() {
		return this.prefix + "outbox";
	}

	/**
	 * How many events ever left the outbox after every sink published them (to count the
	 * dropped ones).
	 */
	String outboxRelayed() {
		return this.prefix + "outbox:relayed";
	}

	/** The id of the last event {@code sink} published from the outbox. */
	String outboxCursor(String sink) {
		return this.prefix + "outbox:cursor:" + sink;
	}

	/**
	 * Acquires counted for adaptive sizing, by bucket of Valkey's clock (a hash, see
	 * arrivals.lua).
	 */
	String arrivals() {
		return this.prefix + "arrivals";
	}

	/** The adaptive target and why it is what it is (a hash, see SizingStore). */
	String sizing() {
		return this.prefix + "sizing";
	}

	/** The pub/sub channel of {@link com.demomultiplexer.domain.InstanceEvent}s. */
	String events() {
		return this.prefix + "events";
	}

}
