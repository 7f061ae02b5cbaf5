package com.demomultiplexer.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;
import com.demomultiplexer.system.Secrets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates and drops shop databases and users through the provisioning account. Names are
 * the prefix plus the instance id, both validated to {@code [a-z0-9_]}, so they are safe
 * to place in the SQL of {@code resources/db}; passwords are bound as parameters.
 */
@Component
public class ShopDatabases {

	private static final int PASSWORD_LENGTH = 24;

	private final JdbcTemplate jdbc;

	private final String prefix;

	private final List<String> create = statements("create-shop");

	private final List<String> drop = statements("drop-shop");

	private final String list = String.join("\n", statements("list-shops"));

	private final DependencyCalls calls;

	public ShopDatabases(JdbcTemplate jdbc, ShopDatabaseProperties properties, DependencyCalls calls) {
		this.jdbc = jdbc;
		this.calls = calls;
		this.prefix = properties.prefix();
	}

	/** Creates the shop's database and a user with rights on it only. */
	public ShopDatabase create(InstanceId id) {
		return this.calls.call(Dependency.MARIADB, () -> {
			ShopDatabase database = new ShopDatabase(name(id), name(id), Secrets.alphanumeric(PASSWORD_LENGTH));
			for (String statement : this.create) {
				String sql = named(statement, database.name(), database.user());
				if (sql.contains("?")) {
					this.jdbc.update(sql, database.password());
				}
				else {
					this.jdbc.execute(sql);
				}
			}
			return database;

		});
	}

	/** Drops the shop's user and database; either may be gone already. */
	public void drop(InstanceId id) {
		this.calls.run(Dependency.MARIADB, () -> {
			for (String statement : this.drop) {
				this.jdbc.execute(named(statement, name(id), name(id)));
			}

		});
	}

	/** The ids of every shop that has a database or a user here. */
	public Set<InstanceId> existing() {
		return this.calls.call(Dependency.MARIADB, () -> {
			Set<InstanceId> ids = new TreeSet<>(Comparator.comparing(InstanceId::value));
			for (String name : this.jdbc.queryForList(this.list, String.class)) {
				if (name.startsWith(this.prefix)) {
					try {
						ids.add(new InstanceId(name.substring(this.prefix.length())));
					}
					catch (IllegalArgumentException ex) {
						// Not one of ours after all: the rest of the name is no instance
						// id.
					}
				}
			}
			return ids;

		});
	}

	public String name(InstanceId id) {
		return this.prefix + id.value();
	}

	private static String named(String statement, String database, String user) {
		return statement.replace("{database}", database).replace("{user}", user);
	}

	/** The statements of a script: comment lines dropped, split at semicolons. */
	static List<String> statements(String script) {
		try {
			String sql = new ClassPathResource("db/" + script + ".sql").getContentAsString(StandardCharsets.UTF_8);
			String withoutComments = sql.lines()
				.filter((line) -> !line.stripLeading().startsWith("--"))
				.collect(Collectors.joining("\n"));
			return Arrays.stream(withoutComments.split(";"))
				.map(String::strip)
				.filter((statement) -> !statement.isEmpty())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the SQL script " + script, ex);
		}
	}

}
