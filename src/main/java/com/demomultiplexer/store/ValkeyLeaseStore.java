package com.demomultiplexer.store;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ScriptOutputType;

import org.springframework.stereotype.Component;

/** {@link LeaseStore} in Valkey: lease.lua and resign.lua. */
@Component
class ValkeyLeaseStore implements LeaseStore {

	private static final ValkeyScript LEASE = ValkeyScript.load("lease");

	private static final ValkeyScript RESIGN = ValkeyScript.load("resign");

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	ValkeyLeaseStore(ValkeyCalls valkey, ValkeyKeys keys) {
		this.valkey = valkey;
		this.keys = keys;
	}

	@Override
	public LeaseClaim claim(String replica, String heldToken, Duration lease) {
		List<String> reply = this.valkey.run(LEASE, ScriptOutputType.MULTI,
				new String[] { this.keys.leader(), this.keys.leaderEpoch() }, replica, heldToken,
				String.valueOf(lease.toMillis()));
		return new LeaseClaim(reply.get(0).equals("leader"), reply.get(1));
	}

	@Override
	public void resign(String token) {
		this.valkey.run(RESIGN, ScriptOutputType.INTEGER, new String[] { this.keys.leader() }, token);
	}

}
