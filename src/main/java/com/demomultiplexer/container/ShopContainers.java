package com.demomultiplexer.container;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.config.ShopNetworkProperties;
import com.demomultiplexer.database.ShopDatabase;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;

import org.springframework.stereotype.Component;

/**
 * What a shop's container looks like: its name, labels, environment, files and limits.
 */
@Component
public class ShopContainers {

	/**
	 * Label carrying the owning deployment's name; with it a reconciler finds every
	 * container of ours.
	 */
	public static final String DEPLOYMENT_LABEL = "demo-multiplexer.deployment";

	/** Label carrying the instance id. */
	public static final String INSTANCE_LABEL = "demo-multiplexer.instance";

	/** flashlight (and the stand-in) listen on port 80. */
	static final int SHOP_PORT = 80;

	private final ContainerProperties container;

	private final DeploymentProperties deployment;

	private final PublicUrlProperties publicUrls;

	private final ShopDatabaseProperties database;

	private final ShopNetworkProperties network;

	private final ShopDatabaseTls databaseTls;

	public ShopContainers(ContainerProperties container, DeploymentProperties deployment,
			PublicUrlProperties publicUrls, ShopDatabaseProperties database, ShopNetworkProperties network,
			ShopDatabaseTls databaseTls) {
		this.container = container;
		this.deployment = deployment;
		this.publicUrls = publicUrls;
		this.database = database;
		this.network = network;
		this.databaseTls = databaseTls;
		refuseOverrides();
	}

	public String name(InstanceId id) {
		return this.deployment.name() + "-" + id.value();
	}

	/** The container of a shop with its own database and back-office login. */
	public ContainerSpec spec(InstanceId id, int hostPort, ShopDatabase database, BackOfficeLogin backOffice) {
		Map<String, String> environment = new LinkedHashMap<>(this.container.environmentVariables());
		environment.putAll(ownEnvironment(id, database, backOffice));
		Map<String, String> labels = Map.of(DEPLOYMENT_LABEL, this.deployment.name(), INSTANCE_LABEL, id.value());
		return new ContainerSpec(name(id), this.container.image(), environment, this.databaseTls.files(), labels,
				this.network.name(), this.container.bindAddress(), hostPort, SHOP_PORT, confinement());
	}

	/**
	 * The variables the service sets. With PUBLIC_SCHEME=https, flashlight turns on
	 * PrestaShop's SSL settings (links in https, plain requests redirected) when
	 * PS_PROTOCOL is https or SSL_REDIRECT true; both are set, so either reading works.
	 */
	private Map<String, String> ownEnvironment(InstanceId id, ShopDatabase database, BackOfficeLogin backOffice) {
		boolean https = "https".equals(this.publicUrls.scheme());
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PS_DOMAIN", this.publicUrls.shopAuthority(id));
		environment.put("PS_PROTOCOL", https ? "https" : "http");
		environment.put("SSL_REDIRECT", String.valueOf(https));
		environment.put("MYSQL_HOST", this.database.host());
		environment.put("MYSQL_PORT", String.valueOf(ShopDatabaseProperties.PORT));
		environment.put("MYSQL_DATABASE", database.name());
		environment.put("MYSQL_USER", database.user());
		environment.put("MYSQL_PASSWORD", database.password());
		environment.put("ADMIN_MAIL_OVERRIDE", backOffice.email());
		environment.put("ADMIN_PASSWORD_OVERRIDE", backOffice.password());
		environment.putAll(this.databaseTls.environment());
		return environment;
	}

	/**
	 * CONTAINER_ENVIRONMENT may add variables, never replace the service's own: the names
	 * do not depend on the shop, so any shop's show them.
	 */
	private void refuseOverrides() {
		Set<String> own = ownEnvironment(InstanceId.random(), new ShopDatabase("-", "-", "-"),
				new BackOfficeLogin("-", "-"))
			.keySet();
		Set<String> overridden = new HashSet<>(this.container.environmentVariables().keySet());
		overridden.retainAll(own);
		if (!overridden.isEmpty()) {
			throw new IllegalStateException("CONTAINER_ENVIRONMENT sets " + overridden
					+ ", which the service sets itself for every shop; remove them from it");
		}
	}

	public ShopNetwork network() {
		return new ShopNetwork(this.network.name(), this.network.subnet());
	}

	private ContainerSpec.Confinement confinement() {
		return new ContainerSpec.Confinement(this.container.memory().toBytes(), Math.round(this.container.cpus() * 1e9),
				this.container.pidsLimit(), this.container.logMaxSize().toBytes(), this.container.capabilities());
	}

}
