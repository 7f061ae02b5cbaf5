package com.demomultiplexer.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where shops run with CONTAINER_MODE=kubernetes.
 *
 * @param namespace KUBERNETES_NAMESPACE: the namespace shop Pods are made in, and the
 * only one the service needs rights in
 * @param runAsUser KUBERNETES_RUN_AS_USER: the user id every process of a shop runs as.
 * Kubernetes can hold a Pod to {@code runAsNonRoot} only when it knows the user's number,
 * and flashlight names its user ({@code www-data}, which its image makes uid 1000), so
 * the number is given here; empty leaves the image's own user and drops the non-root
 * guarantee, for an image that must start as root
 */
@Validated
@ConfigurationProperties("kubernetes")
public record KubernetesProperties(@NotBlank @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
		message = "must be a Kubernetes namespace name") String namespace, @Min(1) Long runAsUser) {
}
