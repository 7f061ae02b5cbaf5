package com.demomultiplexer.container;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.support.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The CA and the client option file each shop gets, read once at start-up.
 */
class ShopDatabaseTlsTest {

	@Test
	void theCaAndAnOptionFileNamingItGoWhereEveryClientLooks() throws Exception {
		ShopDatabaseTls tls = new ShopDatabaseTls(Settings.shopDatabase("172.30.0.1", "shop_"));

		assertThat(tls.files()).extracting(ContainerFile::path)
			.containsExactly("/etc/my.cnf.d/demo-multiplexer-ca.pem", "/etc/my.cnf.d/my.cnf");
		assertThat(tls.files().get(0).content()).isEqualTo(Files.readString(Settings.UNIT_TEST_CA));
		assertThat(tls.files().get(1).content()).contains("[client]", "ssl-ca=/etc/my.cnf.d/demo-multiplexer-ca.pem",
				"ssl-verify-server-cert");
		assertThat(tls.files()).allSatisfy((file) -> assertThat(file.mode()).isEqualTo(0644));
		assertThat(tls.environment()).containsEntry("MARIADB_HOME", "/etc/my.cnf.d");
	}

	@Test
	void aFileThatHoldsNoCertificateStopsStartUpNamingTheSetting(@TempDir Path folder) throws Exception {
		Path notACertificate = Files.writeString(folder.resolve("ca.pem"), "[client]\nssl-ca=/etc/ca.pem\n");

		assertThatIllegalStateException()
			.isThrownBy(() -> new ShopDatabaseTls(
					new ShopDatabaseProperties("172.30.0.1", "shop_", "demo@demo.localhost", notACertificate)))
			.withMessageContaining("SHOP_DB_CA_FILE=" + notACertificate + " holds no PEM certificate");
	}

}
