package com.demomultiplexer.config;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the public API treats its callers.
 *
 * @param trustedProxies TRUSTED_PROXIES: comma-separated addresses or CIDR ranges whose
 * X-Forwarded-For is believed (Caddy's; Forwarded and the like never are); from anyone
 * else it is ignored
 * @param corsAllowedOrigins CORS_ALLOWED_ORIGINS: comma-separated origins (e.g.
 * https://www.example.com) whose pages may call the API; empty allows none
 * @param maxBodySize API_MAX_BODY_SIZE: largest request body accepted
 */
@Validated
@ConfigurationProperties("api")
public record ApiProperties(@NotNull List<String> trustedProxies, @NotNull List<String> corsAllowedOrigins,
		@NotNull DataSize maxBodySize) {
}
