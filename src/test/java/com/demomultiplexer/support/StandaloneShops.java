package com.demomultiplexer.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.config.ShopNetworkProperties;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.ShopDatabaseTls;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.util.unit.DataSize;

/**
 * Stand-in shops as the service would start them (their own database and user on the
 * shared MariaDB, its CA placed, the shop network, NET_BIND_SERVICE only), for tests that
 * start containers without the service. Container names start with {@code name-},
 * databases with {@code shop_<name>_}; closing drops every database of that prefix, so a
 * fixed name (the benchmark's) also drops what an interrupted earlier run left, and a
 * random one (a test's, so that runs beside each other keep their own) does not.
 */
public final class StandaloneShops implements AutoCloseable {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private final PublicUrlProperties publicUrls;

	private final ShopContainers containers;

	private final ShopDatabases databases;

	/**
	 * @param name names the containers and databases: lowercase letters, digits and
	 * dashes
	 * @param standinSettings the stand-in's own settings, e.g. {@link StandinShop#QUICK}
	 * @param publicPort the port in the shops' PS_DOMAIN
	 */
	public StandaloneShops(String name, Map<String, String> standinSettings, int publicPort) {
		ShopDatabaseProperties database = new ShopDatabaseProperties("172.30.0.1",
				"shop_" + name.replace('-', '_') + "_", LOGIN.email(), StandinShop.MARIADB_CA);
		ContainerProperties container = new ContainerProperties(ContainerProperties.Mode.DOCKER, "", StandinShop.IMAGE,
				21000, 25999, "127.0.0.1", DataSize.ofMegabytes(64), 0.5, 64, List.of("NET_BIND_SERVICE"),
				DataSize.ofMegabytes(1), Duration.ofSeconds(60),
				standinSettings.entrySet()
					.stream()
					.map((variable) -> variable.getKey() + "=" + variable.getValue())
					.toList());
		this.publicUrls = new PublicUrlProperties("demo.localhost", "http", publicPort);
		this.containers = new ShopContainers(container, new DeploymentProperties(name), this.publicUrls, database,
				new ShopNetworkProperties("demo-multiplexer-shops", "172.30.0.0/24"), new ShopDatabaseTls(database));
		this.databases = new ShopDatabases(Provisioning.account(), database,
				new DependencyCalls(new SimpleMeterRegistry()));
	}

	/**
	 * A new shop's container, published on {@code hostPort}; its database is made now.
	 */
	public ContainerSpec spec(InstanceId id, int hostPort) {
		return this.containers.spec(id, hostPort, this.databases.create(id), LOGIN);
	}

	/** The shop's PS_DOMAIN, the Host it answers 200 to. */
	public String authority(InstanceId id) {
		return this.publicUrls.shopAuthority(id);
	}

	public String containerName(InstanceId id) {
		return this.containers.name(id);
	}

	@Override
	public void close() {
		this.databases.existing().forEach(this.databases::drop);
	}

}
