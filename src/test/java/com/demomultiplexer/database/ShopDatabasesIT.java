package com.demomultiplexer.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shop databases on the real MariaDB (started and given the provisioning account by
 * scripts/services.sh): each shop's user reaches its own database and nothing else, and a
 * drop removes both.
 */
@EndToEndTest
// Its databases have no record: a reconcile round after the first (see EndToEndTest)
// would drop them as orphans in the middle of a case.
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h" })
class ShopDatabasesIT {

	private static final Deployment deployment = new Deployment(24000);

	@Autowired
	ShopDatabases databases;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void aShopsUserReachesItsOwnDatabaseAndNothingElse() throws SQLException {
		InstanceId a = InstanceId.random();
		InstanceId b = InstanceId.random();
		ShopDatabase databaseA = this.databases.create(a);
		ShopDatabase databaseB = this.databases.create(b);

		try (Connection shopA = connect(databaseA); Statement sql = shopA.createStatement()) {
			sql.execute("CREATE TABLE ps_configuration (name VARCHAR(64) PRIMARY KEY, value TEXT)");
			sql.execute("INSERT INTO ps_configuration VALUES ('PS_SHOP_NAME', 'A')");
			try (var rows = sql.executeQuery("SELECT value FROM ps_configuration")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("A");
			}
			assertDenied(sql, "CREATE TABLE `" + databaseB.name() + "`.stolen (id INT)");
			assertDenied(sql, "SELECT * FROM `" + databaseB.name() + "`.ps_configuration");
			assertDenied(sql, "SELECT user, password FROM mysql.user");
			assertDenied(sql, "CREATE DATABASE `" + databaseA.name() + "_more`");
			assertDenied(sql, "GRANT ALL ON `" + databaseB.name() + "`.* TO CURRENT_USER");
		}
		try (Connection shopB = connect(databaseB)) {
			assertThat(shopB.isValid(2)).isTrue();
		}

		this.databases.drop(a);
		this.databases.drop(b);
	}

	@Test
	void aDropRemovesTheDatabaseAndTheUser() {
		InstanceId id = InstanceId.random();
		ShopDatabase database = this.databases.create(id);
		assertThat(deployment.databaseOrUserExists(id.value())).isTrue();

		this.databases.drop(id);
		this.databases.drop(id);

		assertThat(deployment.databaseOrUserExists(id.value())).isFalse();
		assertThat(this.databases.existing()).doesNotContain(id);
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(database).close());
	}

	private static Connection connect(ShopDatabase database) throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database.name(), database.user(),
				database.password());
	}

	private static void assertDenied(Statement sql, String statement) {
		assertThatExceptionOfType(SQLException.class).as(statement)
			.isThrownBy(() -> sql.execute(statement))
			.withMessageContaining("denied");
	}

}
