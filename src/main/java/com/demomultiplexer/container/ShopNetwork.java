package com.demomultiplexer.container;

/**
 * The Docker network shops run on: a bridge of its own with traffic between its
 * containers turned off, so a shop reaches the host's gateway address (where only MariaDB
 * listens for it) and nothing of other shops.
 *
 * @param name the network's name
 * @param subnet its subnet in CIDR notation; its gateway is the host address shops see
 */
public record ShopNetwork(String name, String subnet) {

	/**
	 * The first address of the subnet (172.30.0.0/24 gives 172.30.0.1): the host, as
	 * shops see it.
	 */
	public String gateway() {
		String network = this.subnet.substring(0, this.subnet.indexOf('/'));
		int lastDot = network.lastIndexOf('.');
		return network.substring(0, lastDot + 1) + (Integer.parseInt(network.substring(lastDot + 1)) + 1);
	}

}
