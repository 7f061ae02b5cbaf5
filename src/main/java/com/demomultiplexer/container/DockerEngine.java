package com.demomultiplexer.container;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;

/**
 * Docker: every shop on one bridge network with traffic between its containers turned off
 * ({@code enable_icc=false}, which Docker enforces with iptables on the bridge). Docker
 * lets any process of a container bind low ports and hands containers its own resource
 * limits, so a shop needs nothing more spelled out.
 */
class DockerEngine implements EngineDifferences {

	private final DockerClient docker;

	DockerEngine(DockerClient docker) {
		this.docker = docker;
	}

	@Override
	public String deathEvent() {
		return "die";
	}

	@Override
	public HostConfig complete(HostConfig host) {
		return host;
	}

	@Override
	public String networkFor(ContainerSpec spec) {
		return spec.network();
	}

	@Override
	public void removeNetworkOf(String container) {
		// Shops share one network, which outlives them.
	}

	@Override
	public List<ManagedContainer> networksWithoutContainer(Map<String, String> labels, Set<String> containers) {
		return List.of();
	}

	@Override
	public void ensureNetwork(ShopNetwork network) {
		boolean exists = this.docker.listNetworksCmd()
			.withNameFilter(network.name())
			.exec()
			.stream()
			.anyMatch((candidate) -> candidate.getName().equals(network.name()));
		if (!exists) {
			this.docker.createNetworkCmd()
				.withName(network.name())
				.withDriver("bridge")
				.withIpam(new Network.Ipam()
					.withConfig(new Network.Ipam.Config().withSubnet(network.subnet()).withGateway(network.gateway())))
				.withOptions(Map.of("com.docker.network.bridge.enable_icc", "false"))
				.withLabels(Map.of(NETWORK_LABEL, "shops"))
				.exec();
		}
	}

}
