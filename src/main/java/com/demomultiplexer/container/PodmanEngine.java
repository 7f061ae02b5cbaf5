package com.demomultiplexer.container;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;

/**
 * Podman behind its Docker-compatible API (tested with 4.3 and netavark). Where it
 * differs from Docker:
 * <ul>
 * <li>Its bridge networks have no switch for traffic between their containers (it ignores
 * {@code enable_icc}, with a warning), so each shop gets a network of its own, named
 * after its container, with netavark's {@code isolate} option, which drops traffic
 * between such networks. Podman picks each one's subnet from its pool. Shops then reach
 * the host at their own gateway, and any host address through it, MariaDB's included.
 * <li>It sets resource limits of its own (1,048,576 open files), which the kernel refuses
 * to a container when the engine's own hard limit is lower ("error setting rlimits …
 * operation not permitted"), so a shop's are set explicitly. {@code nproc} counts every
 * process of the shop's user on the host, not per shop: the pids limit is what bounds a
 * shop.
 * <li>It does not let unprivileged processes of a container bind ports below 1024, which
 * Docker does; flashlight's nginx runs as {@code www-data} under
 * {@code no-new-privileges}, where its file capability is never granted, so the container
 * gets Docker's setting.
 * <li>Its event filter takes libpod's own name for a death, {@code died}; filtered by
 * {@code die} it reports none.
 * </ul>
 */
class PodmanEngine implements EngineDifferences {

	/**
	 * Open files and processes a shop may have: below the engine's own hard limits on the
	 * hosts we know (20,000 open files here), and plenty for nginx and PHP-FPM.
	 */
	private static final long RESOURCE_LIMIT = 4096;

	private final DockerClient docker;

	PodmanEngine(DockerClient docker) {
		this.docker = docker;
	}

	@Override
	public String deathEvent() {
		return "died";
	}

	@Override
	public HostConfig complete(HostConfig host) {
		return host
			.withUlimits(new Ulimit[] { new Ulimit("nofile", RESOURCE_LIMIT, RESOURCE_LIMIT),
					new Ulimit("nproc", RESOURCE_LIMIT, RESOURCE_LIMIT) })
			.withSysctls(Map.of("net.ipv4.ip_unprivileged_port_start", "0"));
	}

	@Override
	public String networkFor(ContainerSpec spec) {
		Map<String, String> labels = new HashMap<>(spec.labels());
		labels.put(NETWORK_LABEL, "shop");
		this.docker.createNetworkCmd()
			.withName(spec.name())
			.withDriver("bridge")
			.withOptions(Map.of("isolate", "true"))
			.withLabels(labels)
			.exec();
		return spec.name();
	}

	@Override
	public void removeNetworkOf(String container) {
		try {
			this.docker.removeNetworkCmd(container).exec();
		}
		catch (NotFoundException ex) {
			// Never made, or already removed.
		}
	}

	@Override
	public List<ManagedContainer> networksWithoutContainer(Map<String, String> labels, Set<String> containers) {
		return this.docker.listNetworksCmd()
			.withFilter("label",
					labels.entrySet().stream().map((label) -> label.getKey() + "=" + label.getValue()).toList())
			.exec()
			.stream()
			.filter((network) -> !containers.contains(network.getName()))
			.map((network) -> new ManagedContainer(network.getName(), network.getLabels(), false))
			.toList();
	}

	@Override
	public void ensureNetwork(ShopNetwork network) {
		// Each shop has a network of its own, made with it.
	}

}
