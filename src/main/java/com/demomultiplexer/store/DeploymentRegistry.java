package com.demomultiplexer.store;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lettuce.core.ScriptOutputType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * What each deployment on a shared Valkey claims of the services it shares with the
 * others, in one hash outside every deployment's own keys, so a deployment can see the
 * others' claims (claim.lua). A claim lapses unless renewed, so a deployment that died
 * blocks nobody for longer than its claim lasts.
 */
@Component
public class DeploymentRegistry {

	/** The hash of claims, by deployment name. */
	static final String CLAIMS_KEY = "demo-multiplexer:deployments";

	private static final ValkeyScript CLAIM = ValkeyScript.load("claim");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final ValkeyCalls valkey;

	DeploymentRegistry(ValkeyCalls valkey) {
		this.valkey = valkey;
	}

	/**
	 * Records {@code claim} for {@code deployment} for {@code lasting}, unless another
	 * live deployment claims part of it; then says which and what, and records nothing.
	 */
	public Optional<Clash> claim(String deployment, Claim claim, Duration lasting) {
		List<String> clash = this.valkey.run(CLAIM, ScriptOutputType.MULTI, new String[] { CLAIMS_KEY }, deployment,
				JSON.writeValueAsString(claim), String.valueOf(lasting.toMillis()));
		if (clash.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Clash(clash.get(0), Clash.What.valueOf(clash.get(1).toUpperCase(Locale.ROOT)),
				JSON.readValue(clash.get(2), Claim.class), Duration.ofMillis(Long.parseLong(clash.get(3)))));
	}

	/**
	 * What a deployment holds on shared services.
	 *
	 * @param firstPort first host port of its shops (CONTAINER_PORT_RANGE_START)
	 * @param lastPort last host port of its shops (CONTAINER_PORT_RANGE_END)
	 * @param databasePrefix how its shop databases and users are named (SHOP_DB_PREFIX)
	 * @param site its base domain on a Caddy listener: two deployments with the same one
	 * would share an API route's host
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Claim(int firstPort, int lastPort, String databasePrefix, String site) {
	}

	/**
	 * Another live deployment's claim that overlaps ours.
	 *
	 * @param deployment its name
	 * @param what the part that overlaps
	 * @param theirs its whole claim
	 * @param lapsesIn when its claim lapses unless the deployment renews it
	 */
	public record Clash(String deployment, What what, Claim theirs, Duration lapsesIn) {

		/** The parts of a claim that may overlap. */
		public enum What {

			PORTS, DATABASES, SITE

		}

	}

}
