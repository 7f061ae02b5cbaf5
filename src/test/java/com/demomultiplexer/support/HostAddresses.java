package com.demomultiplexer.support;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Addresses of this host other than loopback: to connect from a peer that is not
 * loopback, or to check what listens there.
 */
public final class HostAddresses {

	private HostAddresses() {
	}

	/**
	 * The host's IPv4 address on its main network: an interface that is up, not loopback
	 * and not one of Docker's (bridges, veth pairs). Fails the test if there is none.
	 */
	public static String mainIpv4() {
		try {
			return NetworkInterface.networkInterfaces().filter((network) -> {
				try {
					return network.isUp() && !network.isLoopback() && !network.getName().startsWith("br-")
							&& !network.getName().startsWith("docker") && !network.getName().startsWith("veth");
				}
				catch (SocketException ex) {
					return false;
				}
			})
				.flatMap(NetworkInterface::inetAddresses)
				.filter(Inet4Address.class::isInstance)
				.map(InetAddress::getHostAddress)
				.findFirst()
				.orElseThrow(() -> new AssertionError(
						"No IPv4 address on a network interface other than loopback and Docker's"));
		}
		catch (SocketException ex) {
			throw new AssertionError("Cannot list the network interfaces", ex);
		}
	}

}
