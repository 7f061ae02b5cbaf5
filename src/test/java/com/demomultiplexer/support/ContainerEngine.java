package com.demomultiplexer.support;

import java.util.Locale;

/**
 * The container engine the end-to-end tests run against: Docker, unless the build asks
 * for Podman with the system property {@code it.container-mode=podman} (the failsafe
 * execution {@code podman} does, for the tests tagged {@link #TAG}).
 *
 * @param mode CONTAINER_MODE, as the service reads it
 * @param socket the engine's API socket
 * @param cli its command line tool, for what a person at the host would do (exec, kill)
 */
public record ContainerEngine(String mode, String socket, String cli) {

	/** Tags the test classes that run against Podman as well as Docker. */
	public static final String TAG = "engines";

	public static final ContainerEngine DOCKER = new ContainerEngine("docker", "unix:///var/run/docker.sock", "docker");

	public static final ContainerEngine PODMAN = new ContainerEngine("podman", "unix:///run/podman/podman.sock",
			"podman");

	/** The engine this run of the tests is for. */
	public static ContainerEngine current() {
		return switch (System.getProperty("it.container-mode", "docker").toLowerCase(Locale.ROOT)) {
			case "docker" -> DOCKER;
			case "podman" -> PODMAN;
			default -> throw new IllegalStateException(
					"it.container-mode must be docker or podman, not " + System.getProperty("it.container-mode"));
		};
	}

	public boolean isPodman() {
		return this.equals(PODMAN);
	}

}
