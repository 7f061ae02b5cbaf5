package com.demomultiplexer.config;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Each shop's own database and MariaDB user, and its back-office login. The provisioning
 * account itself is Spring's datasource (MARIADB_URL, MARIADB_ADMIN_USER,
 * MARIADB_ADMIN_PASSWORD).
 *
 * @param host MYSQL_HOST: MariaDB's address as seen from inside a shop container (the
 * Docker bridge's gateway on a bare host); shops always use port 3306, as flashlight's
 * dump restore does. MariaDB's certificate must name it.
 * @param prefix SHOP_DB_PREFIX: names of shop databases and users start with it;
 * deployments sharing a MariaDB need different prefixes, and nothing else on that MariaDB
 * may use it
 * @param adminEmail SHOP_ADMIN_EMAIL: the back-office login of every shop (each has its
 * own password)
 * @param caFile SHOP_DB_CA_FILE: the certificate of the authority that signed MariaDB's
 * TLS certificate (PEM), placed in every shop: flashlight's client restores the dump only
 * over TLS to a server whose certificate it can verify
 */
@Validated
@ConfigurationProperties("shop-database")
public record ShopDatabaseProperties(@NotBlank String host,
		@Pattern(regexp = "[a-z][a-z0-9_]{0,30}",
				message = "must be 1-31 lowercase letters, digits or _") String prefix,
		// flashlight writes it into its dump with sed 's~...~...~g', where ~ ends the
		// expression, & stands for the match and \ escapes: each would corrupt the
		// e-mail or the dump.
		@Pattern(regexp = "[^@\\s'\"~&\\\\]+@[^@\\s'\"~&\\\\]+\\.[^@\\s'\"~&\\\\]+",
				message = "must be an e-mail address without ~, & or \\ (flashlight writes it into its dump with sed, where they are special)") String adminEmail,
		@NotNull Path caFile) {

	/** flashlight's dump restore ignores MYSQL_PORT and always connects to 3306. */
	public static final int PORT = 3306;

	@AssertTrue(message = "SHOP_DB_CA_FILE must name a readable file: the PEM certificate of the authority that"
			+ " signed MariaDB's (scripts/services.sh writes var/mariadb-ca.pem)")
	boolean isCaFileReadable() {
		return this.caFile == null || (Files.isRegularFile(this.caFile) && Files.isReadable(this.caFile));
	}

}
