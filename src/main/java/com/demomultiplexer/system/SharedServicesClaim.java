package com.demomultiplexer.system;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.store.DeploymentRegistry;
import com.demomultiplexer.store.DeploymentRegistry.Claim;
import com.demomultiplexer.store.DeploymentRegistry.Clash;
import com.demomultiplexer.store.StoreUnavailableException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps deployments that share a Valkey (and so, as a rule, a host, a Caddy and a
 * MariaDB) out of each other's way: at start-up this deployment claims its host ports,
 * its shop database prefix and its base domain on its Caddy listener, and refuses to
 * start, naming the other deployment and the setting, when a live deployment holds any of
 * them. Overlapping port ranges would have two pools hand out the same ports; one
 * database prefix would have each reconciler drop the other's shop databases as orphans;
 * one base domain on one listener would give two API routes the same host. The check runs
 * while the context is built, before any scheduled job or reconcile round touches shared
 * state. The claim is renewed while the service runs and lapses {@link #LASTING} after it
 * stops.
 */
@Component
class SharedServicesClaim implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SharedServicesClaim.class);

	/** How long a claim outlives its last renewal: a dead deployment blocks no longer. */
	static final Duration LASTING = Duration.ofSeconds(60);

	private final DeploymentRegistry registry;

	private final String deployment;

	private final Claim claim;

	SharedServicesClaim(DeploymentRegistry registry, DeploymentProperties deployment, ContainerProperties container,
			ShopDatabaseProperties shopDatabase, CaddyProperties caddy, PublicUrlProperties publicUrls) {
		this.registry = registry;
		this.deployment = deployment.name();
		this.claim = new Claim(container.portRangeStart(), container.portRangeEnd(), shopDatabase.prefix(),
				publicUrls.baseDomain() + " on " + caddy.listen() + " of Caddy " + caddy.adminUrl());
	}

	@Override
	public void afterPropertiesSet() {
		this.registry.claim(this.deployment, this.claim, LASTING).ifPresent((clash) -> {
			throw new DeploymentClashException(describe(clash));
		});
	}

	/**
	 * Renews the claim well within its lifetime. A clash found now means the claim had
	 * lapsed (Valkey was unreachable for longer than it lasts) and another deployment
	 * took part of it: nothing can be undone from here, so an operator is told.
	 */
	@Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
	void renew() {
		try {
			this.registry.claim(this.deployment, this.claim, LASTING)
				.ifPresent(
						(clash) -> log.error("Another deployment took part of this one's claim: {}", describe(clash)));
		}
		catch (StoreUnavailableException ex) {
			log.warn("Cannot renew this deployment's claim now ({}); it lasts {} after the last renewal", ex.toString(),
					LASTING);
		}
	}

	/** The prefix named after this deployment, unless that is the one taken. */
	private String prefixToSuggest(String taken) {
		String named = "shop_" + this.deployment.replace('-', '_') + "_";
		return named.equals(taken) ? "" : ", e.g. SHOP_DB_PREFIX=" + named;
	}

	String describe(Clash clash) {
		Claim theirs = clash.theirs();
		String taken = switch (clash.what()) {
			case PORTS -> "host ports " + theirs.firstPort() + "-" + theirs.lastPort()
					+ ", which overlap this deployment's " + this.claim.firstPort() + "-" + this.claim.lastPort()
					+ " (CONTAINER_PORT_RANGE_START, CONTAINER_PORT_RANGE_END): give each deployment a range of its own";
			case DATABASES -> "the shop database prefix '" + theirs.databasePrefix()
					+ "' (SHOP_DB_PREFIX), and each would drop the other's databases as orphans: give this deployment"
					+ " one of its own" + prefixToSuggest(theirs.databasePrefix());
			case SITE -> "the base domain " + theirs.site()
					+ " (BASE_DOMAIN, CADDY_LISTEN, CADDY_ADMIN_URL): give this deployment a BASE_DOMAIN of its own";
		};
		return "Deployment '" + this.deployment + "' (DEPLOYMENT_NAME) cannot start beside deployment '"
				+ clash.deployment() + "', which uses " + taken + ". If '" + clash.deployment()
				+ "' is no longer running, its claim lapses in " + clash.lapsesIn().toSeconds() + " s.";
	}

}
