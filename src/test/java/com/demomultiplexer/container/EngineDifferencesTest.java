package com.demomultiplexer.container;

import java.util.Map;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What each engine adds to a shop's container and calls its death; the networks they make
 * are checked on the real engines (ShopIsolationIT, on Docker and on Podman).
 */
class EngineDifferencesTest {

	@Test
	void dockerNeedsNothingSpelledOutAndCallsADeathDie() {
		EngineDifferences docker = EngineDifferences.of(Mode.DOCKER, null);

		HostConfig host = docker.complete(HostConfig.newHostConfig());

		assertThat(host.getUlimits()).isNull();
		assertThat(host.getSysctls()).isNull();
		assertThat(docker.deathEvent()).isEqualTo("die");
	}

	@Test
	void podmanGetsLimitsWithinItsOwnAndLowPortsAndFiltersDeathsAsDied() {
		EngineDifferences podman = EngineDifferences.of(Mode.PODMAN, null);

		HostConfig host = podman.complete(HostConfig.newHostConfig());

		assertThat(host.getUlimits()).extracting(Ulimit::getName, Ulimit::getSoftLong, Ulimit::getHardLong)
			.containsExactly(tuple("nofile", 4096L, 4096L), tuple("nproc", 4096L, 4096L));
		assertThat(host.getSysctls()).isEqualTo(Map.of("net.ipv4.ip_unprivileged_port_start", "0"));
		assertThat(podman.deathEvent()).isEqualTo("died");
	}

}
