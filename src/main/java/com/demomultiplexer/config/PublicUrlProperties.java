package com.demomultiplexer.config;

import java.net.URI;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import com.demomultiplexer.domain.InstanceId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How prospects reach shops. A shop's address is fixed before it boots (PrestaShop writes
 * it into its database), so everything that names a shop derives it here.
 *
 * @param baseDomain BASE_DOMAIN: shops live at {@code <id>.<BASE_DOMAIN>}
 * @param scheme PUBLIC_SCHEME: http or https, as prospects see it
 * @param port PUBLIC_PORT: the port prospects use, left out of URLs when it is the
 * scheme's default
 */
@Validated
@ConfigurationProperties("public")
public record PublicUrlProperties(
		@Pattern(regexp = "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
				message = "must be a lowercase DNS name without scheme or port") String baseDomain,
		@Pattern(regexp = "https?", message = "must be http or https") String scheme, @Min(1) @Max(65535) int port) {

	/** The signup page: the service itself, at the base domain. */
	public URI homeUrl() {
		return URI.create(this.scheme + "://" + withPort(this.baseDomain) + "/");
	}

	/** The host name of a shop, as Caddy matches it. */
	public String shopHost(InstanceId id) {
		return id.value() + "." + this.baseDomain;
	}

	/** host[:port] of a shop: its PS_DOMAIN and the Host header it answers to. */
	public String shopAuthority(InstanceId id) {
		return withPort(shopHost(id));
	}

	private String withPort(String host) {
		boolean defaultPort = (this.port == 80 && "http".equals(this.scheme))
				|| (this.port == 443 && "https".equals(this.scheme));
		return defaultPort ? host : host + ":" + this.port;
	}

	public URI shopUrl(InstanceId id) {
		return URI.create(this.scheme + "://" + shopAuthority(id) + "/");
	}

	public URI backOfficeUrl(InstanceId id) {
		return shopUrl(id).resolve("admin-dev/");
	}

}
