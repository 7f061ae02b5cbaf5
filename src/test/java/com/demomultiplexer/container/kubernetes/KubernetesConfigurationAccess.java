package com.demomultiplexer.container.kubernetes;

/** Lets tests outside this package name its package-private configuration. */
public final class KubernetesConfigurationAccess {

	private KubernetesConfigurationAccess() {
	}

	public static Class<?> configuration() {
		return KubernetesConfiguration.class;
	}

}
