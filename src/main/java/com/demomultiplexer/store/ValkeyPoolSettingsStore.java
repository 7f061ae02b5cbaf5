package com.demomultiplexer.store;

import java.util.OptionalInt;

import org.springframework.stereotype.Component;

/** {@link PoolSettingsStore} in one Valkey hash per deployment. */
@Component
class ValkeyPoolSettingsStore implements PoolSettingsStore {

	private static final String TARGET = "target";

	private static final String PAUSED = "paused";

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	ValkeyPoolSettingsStore(ValkeyCalls valkey, ValkeyKeys keys) {
		this.valkey = valkey;
		this.keys = keys;
	}

	@Override
	public OptionalInt target() {
		String target = this.valkey.call((commands) -> commands.hget(this.keys.settings(), TARGET));
		return (target != null) ? OptionalInt.of(Integer.parseInt(target)) : OptionalInt.empty();
	}

	@Override
	public void setTarget(int target) {
		this.valkey.call((commands) -> commands.hset(this.keys.settings(), TARGET, String.valueOf(target)));
	}

	@Override
	public void clearTarget() {
		this.valkey.call((commands) -> commands.hdel(this.keys.settings(), TARGET));
	}

	@Override
	public boolean paused() {
		return "true".equals(this.valkey.call((commands) -> commands.hget(this.keys.settings(), PAUSED)));
	}

	@Override
	public void setPaused(boolean paused) {
		this.valkey.call((commands) -> commands.hset(this.keys.settings(), PAUSED, String.valueOf(paused)));
	}

}
