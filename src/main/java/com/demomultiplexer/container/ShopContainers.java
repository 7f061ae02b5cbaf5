package com.demomultiplexer.container;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * What a shop's container looks like: its name, labels, environment and limits.
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

	public ShopContainers(ContainerProperties container, DeploymentProperties deployment,
			PublicUrlProperties publicUrls, ShopDatabaseProperties database, ShopNetworkProperties network) {
		this.container = container;
		this.deployment = deployment;
		this.publicUrls = publicUrls;
		this.database = database;
		this.network = network;
	}

	public String name(InstanceId id) {
		return this.deployment.name() + "-" + id.value();
	}

	/** The container of a shop with its own database and back-office login. */
	public ContainerSpec spec(InstanceId id, int hostPort, ShopDatabase database, BackOfficeLogin backOffice) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PS_DOMAIN", this.publicUrls.shopAuthority(id));
		environment.put("MYSQL_HOST", this.database.host());
		environment.put("MYSQL_PORT", String.valueOf(ShopDatabaseProperties.PORT));
		environment.put("MYSQL_DATABASE", database.name());
		environment.put("MYSQL_USER", database.user());
		environment.put("MYSQL_PASSWORD", database.password());
		environment.put("ADMIN_MAIL_OVERRIDE", backOffice.email());
		environment.put("ADMIN_PASSWORD_OVERRIDE", backOffice.password());
		Map<String, String> labels = Map.of(DEPLOYMENT_LABEL, this.deployment.name(), INSTANCE_LABEL, id.value());
		return new ContainerSpec(name(id), this.container.image(), environment, labels, this.network.name(),
				this.container.bindAddress(), hostPort, SHOP_PORT, confinement());
	}

	public ShopNetwork network() {
		return new ShopNetwork(this.network.name(), this.network.subnet());
	}

	private ContainerSpec.Confinement confinement() {
		return new ContainerSpec.Confinement(this.container.memory().toBytes(), Math.round(this.container.cpus() * 1e9),
				this.container.pidsLimit(), this.container.logMaxSize().toBytes(), this.container.capabilities());
	}

}
