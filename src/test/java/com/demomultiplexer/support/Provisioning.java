package com.demomultiplexer.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * MariaDB through the provisioning account that scripts/services.sh created.
 */
public final class Provisioning {

	private Provisioning() {
	}

	public static JdbcTemplate account() {
		return new JdbcTemplate(new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(),
				"jdbc:mariadb://127.0.0.1:3306/", "demo_provisioner", "demo-provisioner-local"));
	}

}
