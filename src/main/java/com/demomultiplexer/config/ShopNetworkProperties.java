package com.demomultiplexer.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Docker network shops run on, created by the service (and by scripts/services.sh,
 * which also makes MariaDB listen on its gateway) if missing.
 *
 * @param name SHOP_NETWORK: the network's name
 * @param subnet SHOP_NETWORK_SUBNET: its subnet; the first address is the gateway, which
 * shops see as the host (MYSQL_HOST)
 */
@Validated
@ConfigurationProperties("shop-network")
public record ShopNetworkProperties(@NotBlank String name,
		@Pattern(regexp = "\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}", message = "must be an IPv4 CIDR range") String subnet) {
}
