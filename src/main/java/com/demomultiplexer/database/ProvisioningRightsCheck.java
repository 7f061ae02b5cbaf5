package com.demomultiplexer.database;

import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.domain.InstanceId;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the provisioning account may not create and drop the deployment's
 * shop databases or create users: otherwise every warm-up fails, and every teardown with
 * "Access denied", until someone reads the logs. The message says what to run. When
 * MariaDB does not answer at start-up the check is skipped: the service starts while its
 * dependencies are down, and warm-ups report the database.
 */
@Component
class ProvisioningRightsCheck implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProvisioningRightsCheck.class);

	private final JdbcTemplate jdbc;

	private final ShopDatabases databases;

	private final ShopDatabaseProperties shopDatabase;

	private final String query = String.join("\n", ShopDatabases.statements("provisioning-rights"));

	ProvisioningRightsCheck(JdbcTemplate jdbc, ShopDatabases databases, ShopDatabaseProperties shopDatabase) {
		this.jdbc = jdbc;
		this.databases = databases;
		this.shopDatabase = shopDatabase;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		Map<String, Object> rights;
		try {
			String shopName = this.databases.name(InstanceId.random());
			rights = this.jdbc.queryForMap(this.query, shopName, shopName);
		}
		catch (DataAccessException ex) {
			log.warn("Cannot check the provisioning account's rights now (MariaDB: {}); warm-ups will show it",
					ex.getMostSpecificCause().getClass().getSimpleName());
			return;
		}
		boolean allowed = Stream.of("can_create", "can_drop", "can_create_user")
			.allMatch((right) -> ((Number) rights.get(right)).longValue() > 0);
		if (!allowed) {
			throw new IllegalStateException(missingRights(String.valueOf(rights.get("account"))));
		}
	}

	/** What is missing, and the statements that grant it. */
	String missingRights(String account) {
		String[] userAndHost = account.split("@", 2);
		String grantee = "'" + userAndHost[0] + "'@'" + ((userAndHost.length == 2) ? userAndHost[1] : "%") + "'";
		String pattern = this.shopDatabase.prefix().replace("_", "\\_") + "%";
		return "The MariaDB account " + grantee + " (MARIADB_ADMIN_USER) may not create and drop databases named "
				+ this.shopDatabase.prefix() + "<instance id> (SHOP_DB_PREFIX) or create users. On a bare host, run"
				+ " scripts/services.sh with the same settings; otherwise run as MariaDB's root: GRANT CREATE USER ON"
				+ " *.* TO " + grantee + "; GRANT ALL PRIVILEGES ON `" + pattern + "`.* TO " + grantee
				+ " WITH GRANT OPTION;";
	}

}
