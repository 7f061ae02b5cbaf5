package com.demomultiplexer.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators' admin API, on the management port.
 *
 * @param apiKey ADMIN_API_KEY: the key admin requests carry as {@code X-API-Key}; while
 * empty, every admin request is refused
 */
@ConfigurationProperties("admin")
public record AdminProperties(String apiKey) {
}
