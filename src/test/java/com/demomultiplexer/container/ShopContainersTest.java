package com.demomultiplexer.container;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.DeploymentProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.config.ShopNetworkProperties;
import com.demomultiplexer.database.ShopDatabase;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Settings;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the service gives a shop beyond its database and domain: the scheme its links use,
 * MariaDB's CA, and an operator's extra variables, which can add but never replace.
 */
class ShopContainersTest {

	private static final ShopDatabaseProperties DATABASE = Settings.shopDatabase("172.30.0.1", "shop_");

	private static final ShopDatabase SHOP_DATABASE = new ShopDatabase("shop_x", "shop_x", "DbPassword1");

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "BoPassword1");

	@Test
	void behindHttpsShopsAreToldToUseHttps() {
		assertThat(spec("https", List.of()).environment()).containsEntry("PS_PROTOCOL", "https")
			.containsEntry("SSL_REDIRECT", "true");
		// The control: plain HTTP says so too, rather than leaving flashlight's defaults.
		assertThat(spec("http", List.of()).environment()).containsEntry("PS_PROTOCOL", "http")
			.containsEntry("SSL_REDIRECT", "false");
	}

	@Test
	void everyShopGetsMariaDbsCaAndTheVariableThatMakesEveryClientReadIt() {
		ContainerSpec spec = spec("http", List.of());

		assertThat(spec.files()).isEqualTo(new ShopDatabaseTls(DATABASE).files());
		assertThat(spec.environment()).containsEntry("MARIADB_HOME", ShopDatabaseTls.FOLDER);
	}

	@Test
	void extraVariablesAreAdded() {
		assertThat(spec("http", List.of("DEBUG_MODE=true", "BOOT_DELAY_SECONDS=0.5")).environment())
			.containsEntry("DEBUG_MODE", "true")
			.containsEntry("BOOT_DELAY_SECONDS", "0.5")
			.containsKey("PS_DOMAIN");
	}

	@Test
	void extraVariablesCannotReplaceTheServicesOwn() {
		assertThatIllegalStateException()
			.isThrownBy(() -> containers("http",
					List.of("DEBUG_MODE=true", "MYSQL_HOST=elsewhere", "PS_DOMAIN=shop.example.com")))
			.withMessageContaining("CONTAINER_ENVIRONMENT sets")
			.withMessageContaining("MYSQL_HOST")
			.withMessageContaining("PS_DOMAIN")
			.withMessageNotContaining("DEBUG_MODE");
	}

	private static ContainerSpec spec(String scheme, List<String> environment) {
		return containers(scheme, environment).spec(InstanceId.random(), 20003, SHOP_DATABASE, LOGIN);
	}

	private static ShopContainers containers(String scheme, List<String> environment) {
		return new ShopContainers(
				new ContainerProperties(ContainerProperties.Mode.DOCKER, "", "shop:1", 20000, 20009, "127.0.0.1",
						DataSize.ofMegabytes(512), 1, 256, List.of("NET_BIND_SERVICE"), DataSize.ofMegabytes(10),
						Duration.ofSeconds(60), environment),
				new DeploymentProperties("demo"), new PublicUrlProperties("demo.localhost", scheme, 8443), DATABASE,
				new ShopNetworkProperties("demo-shops", "172.30.0.0/24"), new ShopDatabaseTls(DATABASE));
	}

}
