package com.demomultiplexer.config;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Names this deployment. The name prefixes every Valkey key and labels every container,
 * so two deployments can share one Valkey and one Docker engine without touching each
 * other's shops.
 *
 * @param name DEPLOYMENT_NAME: a short DNS-label-safe name
 */
@Validated
@ConfigurationProperties("deployment")
public record DeploymentProperties(@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,30}",
		message = "must be 1-31 lowercase letters, digits or dashes") String name) {
}
