package com.demomultiplexer.config;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The database settings handed to every shop container as its MYSQL_* environment.
 *
 * @param host MYSQL_HOST: the database address as seen from inside a container; empty to
 * leave it unset
 * @param port MYSQL_PORT: flashlight's dump restore ignores it, so keep 3306
 * @param user MYSQL_USER
 * @param password MYSQL_PASSWORD
 * @param database MYSQL_DATABASE: must already exist
 */
@Validated
@ConfigurationProperties("mysql")
public record ShopDatabaseProperties(String host, @Min(1) @Max(65535) int port, String user, String password,
		String database) {

	/** The MYSQL_* variables that have a value, in a stable order. */
	public Map<String, String> containerEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>();
		putIfSet(environment, "MYSQL_HOST", this.host);
		putIfSet(environment, "MYSQL_PORT", String.valueOf(this.port));
		putIfSet(environment, "MYSQL_USER", this.user);
		putIfSet(environment, "MYSQL_PASSWORD", this.password);
		putIfSet(environment, "MYSQL_DATABASE", this.database);
		return environment;
	}

	private static void putIfSet(Map<String, String> environment, String name, String value) {
		if (StringUtils.hasText(value)) {
			environment.put(name, value);
		}
	}

}
