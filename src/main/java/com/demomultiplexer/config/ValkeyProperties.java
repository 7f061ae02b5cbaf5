package com.demomultiplexer.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the pool's state lives.
 *
 * @param addr VALKEY_ADDR: host:port of Valkey (or Redis 7)
 * @param password VALKEY_PASSWORD: empty when Valkey has no password
 * @param timeout VALKEY_TIMEOUT: longest wait for one command; short, because acquire
 * waits on it
 */
@Validated
@ConfigurationProperties("valkey")
public record ValkeyProperties(@Pattern(regexp = "[^:\\s]+:\\d{1,5}", message = "must be host:port") String addr,
		String password, @NotNull Duration timeout) {

	public String host() {
		return this.addr.substring(0, this.addr.lastIndexOf(':'));
	}

	public int port() {
		return Integer.parseInt(this.addr.substring(this.addr.lastIndexOf(':') + 1));
	}

}
