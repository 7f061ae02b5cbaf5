package com.demomultiplexer.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.store.DeploymentRegistry;
import com.demomultiplexer.store.DeploymentRegistry.Claim;
import com.demomultiplexer.store.DeploymentRegistry.Clash;
import com.demomultiplexer.store.DeploymentRegistry.Clash.What;
import com.demomultiplexer.support.Settings;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What "staging" claims from its settings, and what an operator reads when "demo" holds
 * part of it.
 */
class SharedServicesClaimTest {

	private static final Claim STAGING = new Claim(21000, 21999, "shop_staging_",
			"staging.localhost on :80 of Caddy http://127.0.0.1:2019");

	private final DeploymentRegistry registry = mock(DeploymentRegistry.class);

	private final SharedServicesClaim claim = new SharedServicesClaim(this.registry,
			new DeploymentProperties("staging"),
			new ContainerProperties(
					ContainerProperties.Mode.DOCKER, "", "shop:1", 21000, 21999, "127.0.0.1", DataSize.ofMegabytes(64),
					1.0, 512, List.of("NET_BIND_SERVICE"), DataSize.ofMegabytes(10), Duration.ofSeconds(60), List.of()),
			Settings.shopDatabase("172.30.0.1", "shop_staging_"),
			new CaddyProperties(URI.create("http://127.0.0.1:2019"), "staging", ":80", "127.0.0.1",
					Duration.ofSeconds(10), "127.0.0.1:8090", List.of()),
			new PublicUrlProperties("staging.localhost", "http", 80));

	@Test
	void startsWhenNobodyHoldsAnyOfItsClaim() {
		when(this.registry.claim(eq("staging"), any(), any())).thenReturn(Optional.empty());

		assertThatNoException().isThrownBy(this.claim::afterPropertiesSet);

		verify(this.registry).claim("staging", STAGING, SharedServicesClaim.LASTING);
	}

	@Test
	void overlappingPortsAreRefusedNamingBothRangesAndTheSettings() {
		assertThat(refusal(What.PORTS, new Claim(20000, 21500, "shop_", "demo"))).isEqualTo(
				"Deployment 'staging' (DEPLOYMENT_NAME) cannot start beside deployment 'demo', which uses host ports"
						+ " 20000-21500, which overlap this deployment's 21000-21999 (CONTAINER_PORT_RANGE_START,"
						+ " CONTAINER_PORT_RANGE_END): give each deployment a range of its own. If 'demo' is no longer"
						+ " running, its claim lapses in 42 s.");
	}

	@Test
	void aSharedDatabasePrefixIsRefusedWithAPrefixToUseInstead() {
		assertThat(refusal(What.DATABASES, new Claim(20000, 20999, "shop_", "demo")))
			.contains("which uses the shop database prefix 'shop_' (SHOP_DB_PREFIX), and each would drop the other's"
					+ " databases as orphans: give this deployment one of its own, e.g. SHOP_DB_PREFIX=shop_staging_.");
		assertThat(refusal(What.DATABASES, new Claim(20000, 20999, "shop_staging_", "demo")))
			.as("no suggestion of the prefix that is taken")
			.contains("give this deployment one of its own. If 'demo'");
	}

	@Test
	void aSharedBaseDomainOnOneListenerIsRefused() {
		assertThat(refusal(What.SITE, new Claim(20000, 20999, "shop_", STAGING.site())))
			.contains("which uses the base domain staging.localhost on :80 of Caddy http://127.0.0.1:2019"
					+ " (BASE_DOMAIN, CADDY_LISTEN, CADDY_ADMIN_URL)");
	}

	/**
	 * The start-up failure when "demo" holds {@code theirs}, as the failure analysis
	 * shows it.
	 */
	private String refusal(What what, Claim theirs) {
		when(this.registry.claim(eq("staging"), any(), any()))
			.thenReturn(Optional.of(new Clash("demo", what, theirs, Duration.ofMillis(42_300))));
		DeploymentClashException refused = catchThrowableOfType(DeploymentClashException.class,
				this.claim::afterPropertiesSet);
		FailureAnalysis analysis = new DeploymentClashFailureAnalyzer().analyze(refused);
		assertThat(analysis.getDescription()).isEqualTo(refused.getMessage());
		return analysis.getDescription();
	}

}
