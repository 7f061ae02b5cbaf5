package com.demomultiplexer.support;

import java.nio.file.Path;
import java.time.Duration;

import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PoolSizingProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.pool.PoolControls;
import com.demomultiplexer.store.PoolSettingsStore;

/**
 * Settings for tests that build components by hand.
 */
public final class Settings {

	/**
	 * A CA certificate for tests that never reach MariaDB (its key was thrown away when
	 * it was made): it only has to be a certificate.
	 */
	public static final Path UNIT_TEST_CA = Path.of("src/test/resources/tls/unit-test-ca.pem");

	private Settings() {
	}

	/**
	 * Target 3, max 10, TTL 30 minutes (cap 2 hours, 3 extensions), warm-up timeout 60 s
	 * with 35 s for one probe, two warm-ups at once, Retry-After 10 s before any warm-up
	 * was timed, waits of up to 30 s.
	 */
	public static PoolProperties pool() {
		return new PoolProperties(3, 0, 10, Duration.ofMinutes(30), Duration.ofHours(2), 2, Duration.ofSeconds(60),
				Duration.ofSeconds(35), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
				Duration.ofSeconds(30));
	}

	/**
	 * Shop databases named {@code prefix<id>} on MariaDB at {@code host}, unit-test CA.
	 */
	public static ShopDatabaseProperties shopDatabase(String host, String prefix) {
		return new ShopDatabaseProperties(host, prefix, "demo@demo.localhost", UNIT_TEST_CA);
	}

	/** Events off: no NATS, and the scripts write no outbox. */
	public static EventsProperties eventsOff() {
		return events("");
	}

	/**
	 * Events to the NATS server at {@code natsUrl} ("" for off) and no webhook, an outbox
	 * of about 10,000, relayed every 100 ms, NATS given 2 s per call.
	 */
	public static EventsProperties events(String natsUrl) {
		return new EventsProperties(natsUrl, 10_000, Duration.ofMillis(100), Duration.ofMinutes(1),
				Duration.ofSeconds(2), "", "", Duration.ofSeconds(5));
	}

	/** POOL_TARGET_MODE=fixed with the default windows. */
	public static PoolSizingProperties fixedSizing() {
		return sizing(PoolSizingProperties.TargetMode.FIXED);
	}

	/**
	 * POOL_TARGET_MODE=adaptive: 1% risk, windows of 1 and 15 minutes, 2 fewer a minute.
	 */
	public static PoolSizingProperties adaptiveSizing() {
		return sizing(PoolSizingProperties.TargetMode.ADAPTIVE);
	}

	/** Controls of a fixed target, POOL_TARGET_SIZE or what an operator sets. */
	public static PoolControls fixedControls(PoolSettingsStore settings) {
		return new PoolControls(pool(), settings, fixedSizing(), new InMemorySizingStore());
	}

	private static PoolSizingProperties sizing(PoolSizingProperties.TargetMode mode) {
		return new PoolSizingProperties(mode, 0.01, Duration.ofMinutes(1), Duration.ofMinutes(15), 2);
	}

}
