package com.demomultiplexer.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stand-in shop image (standin/README.md), which scripts/services.sh builds, as the
 * tests use it.
 */
public final class StandinShop {

	/** The image's name, as scripts/services.sh tags it (STANDIN_IMAGE). */
	public static final String IMAGE = "demo-multiplexer/standin-shop:latest";

	/**
	 * The certificate of the authority that signed MariaDB's, which scripts/services.sh
	 * writes; the service's default SHOP_DB_CA_FILE.
	 */
	public static final Path MARIADB_CA = Path.of("var/mariadb-ca.pem");

	/**
	 * The stand-in's own settings that skip the waits it imitates (restoring flashlight's
	 * real dump, the first request's cache build): for tests that need a shop, not
	 * flashlight's timing. Left out, a shop takes about 6.5 s to its first 200.
	 */
	public static final Map<String, String> QUICK = Map.of("BOOT_DELAY_SECONDS", "0", "CACHE_BUILD_SECONDS", "0");

	private StandinShop() {
	}

	/** {@link #QUICK} as the service's CONTAINER_ENVIRONMENT. */
	public static String quickContainerEnvironment() {
		return QUICK.entrySet()
			.stream()
			.map((variable) -> variable.getKey() + "=" + variable.getValue())
			.collect(Collectors.joining(","));
	}

}
