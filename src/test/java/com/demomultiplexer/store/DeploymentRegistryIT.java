package com.demomultiplexer.store;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.store.DeploymentRegistry.Claim;
import com.demomultiplexer.store.DeploymentRegistry.Clash;
import com.demomultiplexer.store.DeploymentRegistry.Clash.What;
import com.demomultiplexer.support.ValkeyProcess;
import com.demomultiplexer.system.DependencyCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims of deployments that share a Valkey, on a redis-server of this test's own (the
 * host's holds the claims of the deployments running there).
 */
class DeploymentRegistryIT {

	private static final Claim DEMO = new Claim(20000, 20999, "shop_", "demo.localhost on :80 of Caddy A");

	private static final Duration LASTING = Duration.ofSeconds(60);

	private ValkeyProcess valkey;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private DeploymentRegistry registry;

	@BeforeEach
	void start() throws Exception {
		this.valkey = ValkeyProcess.start();
		this.client = RedisClient.create(this.valkey.uri());
		this.connection = this.client.connect();
		this.registry = new DeploymentRegistry(
				new ValkeyCalls(this.connection, new DependencyCalls(new SimpleMeterRegistry())));
	}

	@AfterEach
	void stop() throws Exception {
		this.connection.close();
		this.client.shutdown();
		this.valkey.stop();
	}

	@Test
	void deploymentsThatShareNothingBothStandAndAPrefixThatStartsWithAnotherIsItsOwn() {
		assertThat(this.registry.claim("demo", DEMO, LASTING)).isEmpty();

		assertThat(this.registry.claim("staging",
				new Claim(21000, 21999, "shop_staging_", "staging.localhost on :80 of Caddy A"), LASTING))
			.isEmpty();

		assertThat(this.connection.sync().hkeys(DeploymentRegistry.CLAIMS_KEY)).containsExactlyInAnyOrder("demo",
				"staging");
	}

	@Test
	void eachOverlapIsRefusedNamingTheDeploymentThatHoldsIt() {
		this.registry.claim("demo", DEMO, LASTING);

		assertClash(new Claim(20999, 21999, "shop_staging_", "staging"), What.PORTS);
		assertClash(new Claim(19000, 20000, "shop_staging_", "staging"), What.PORTS);
		assertClash(new Claim(21000, 21999, "shop_", "staging"), What.DATABASES);
		assertClash(new Claim(21000, 21999, "shop_staging_", DEMO.site()), What.SITE);
		assertThat(this.connection.sync().hexists(DeploymentRegistry.CLAIMS_KEY, "staging"))
			.as("a refused claim is not recorded")
			.isFalse();
		// The control: the ranges touch nowhere.
		assertThat(this.registry.claim("staging", new Claim(21000, 21999, "shop_staging_", "staging"), LASTING))
			.isEmpty();
	}

	@Test
	void aDeploymentRenewsItsOwnClaimAsARestartOrAnotherReplicaWould() {
		this.registry.claim("demo", DEMO, LASTING);

		assertThat(this.registry.claim("demo", new Claim(20000, 20499, "shop_", DEMO.site()), LASTING)).isEmpty();
	}

	@Test
	void theClaimOfADeploymentThatStoppedRenewingLapsesByValkeysClock() {
		this.registry.claim("gone", DEMO, Duration.ofSeconds(2));
		Clash clash = this.registry.claim("demo", DEMO, LASTING).orElseThrow();
		assertThat(clash.lapsesIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.claim("demo", DEMO, LASTING).isEmpty());

		assertThat(this.connection.sync().hkeys(DeploymentRegistry.CLAIMS_KEY)).as("the lapsed claim is removed")
			.containsExactly("demo");
	}

	private void assertClash(Claim staging, What what) {
		Clash clash = this.registry.claim("staging", staging, LASTING).orElseThrow();
		assertThat(clash.deployment()).isEqualTo("demo");
		assertThat(clash.what()).isEqualTo(what);
		assertThat(clash.theirs()).isEqualTo(DEMO);
		assertThat(clash.lapsesIn()).isPositive().isLessThanOrEqualTo(LASTING);
	}

}
