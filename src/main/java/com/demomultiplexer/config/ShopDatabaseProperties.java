package com.demomultiplexer.config;

import jakarta.validation.constraints.NotBlank;
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
 * dump restore does
 * @param prefix SHOP_DB_PREFIX: names of shop databases and users start with it;
 * deployments sharing a MariaDB need different prefixes, and nothing else on that MariaDB
 * may use it
 * @param adminEmail SHOP_ADMIN_EMAIL: the back-office login of every shop (each has its
 * own password)
 */
@Validated
@ConfigurationProperties("shop-database")
public record ShopDatabaseProperties(@NotBlank String host,
		@Pattern(regexp = "[a-z][a-z0-9_]{0,30}",
				message = "must be 1-31 lowercase letters, digits or _") String prefix,
		@Pattern(regexp = "[^@\\s'\"]+@[^@\\s'\"]+\\.[^@\\s'\"]+",
				message = "must be an e-mail address") String adminEmail) {

	/** flashlight's dump restore ignores MYSQL_PORT and always connects to 3306. */
	public static final int PORT = 3306;

}
