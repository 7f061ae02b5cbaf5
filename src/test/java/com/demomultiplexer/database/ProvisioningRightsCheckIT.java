package com.demomultiplexer.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.support.Provisioning;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The start-up check of the provisioning account against the real MariaDB, with the
 * account scripts/services.sh created (its rights cover {@code shop_*}).
 */
class ProvisioningRightsCheckIT {

	private final JdbcTemplate provisioner = Provisioning.account();

	@Test
	void aPrefixTheAccountHoldsRightsOnPasses() {
		check("shop_it" + suffix() + "_").run(null);
	}

	@Test
	void aPrefixWithoutRightsStopsStartUpWithTheStatementsThatGrantThem() throws Exception {
		String prefix = "nogrant" + suffix() + "_";
		ProvisioningRightsCheck check = check(prefix);

		String message = catchMessage(check);
		assertThat(message).contains("'demo_provisioner'@", "SHOP_DB_PREFIX",
				"GRANT ALL PRIVILEGES ON `" + prefix.replace("_", "\\_") + "%`.* TO 'demo_provisioner'@");

		// What the message says to run, run as MariaDB's root, is enough.
		String grants = message.substring(message.indexOf("GRANT CREATE USER"));
		String grantee = grants.substring(grants.indexOf(" TO ") + 4, grants.indexOf(';'));
		try {
			asRoot(grants);
			check.run(null);
		}
		finally {
			String database = "`" + prefix.replace("_", "\\_") + "%`.*";
			asRoot("REVOKE ALL PRIVILEGES ON " + database + " FROM " + grantee + "; REVOKE GRANT OPTION ON " + database
					+ " FROM " + grantee);
			assertThat(check.missingRights(grantee)).as("the grant is gone again").isNotEmpty();
			assertThatIllegalStateException().isThrownBy(() -> check.run(null));
		}
	}

	private String catchMessage(ProvisioningRightsCheck check) {
		StringBuilder message = new StringBuilder();
		assertThatIllegalStateException().isThrownBy(() -> check.run(null))
			.satisfies((refused) -> message.append(refused.getMessage()));
		return message.toString();
	}

	private ProvisioningRightsCheck check(String prefix) {
		ShopDatabaseProperties properties = Settings.shopDatabase("172.30.0.1", prefix);
		return new ProvisioningRightsCheck(this.provisioner,
				new ShopDatabases(this.provisioner, properties, new DependencyCalls(new SimpleMeterRegistry())),
				properties);
	}

	private static String suffix() {
		return InstanceId.random().value().substring(0, 8);
	}

	/** Runs SQL as MariaDB's root, who logs in through the unix socket. */
	private static void asRoot(String sql) throws IOException, InterruptedException {
		Process mysql = new ProcessBuilder("mysql", "-e", sql).redirectErrorStream(true).start();
		String output = new String(mysql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(mysql.waitFor()).as(output).isZero();
	}

}
