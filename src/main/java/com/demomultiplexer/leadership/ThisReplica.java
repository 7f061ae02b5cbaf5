package com.demomultiplexer.leadership;

import java.net.InetAddress;
import java.net.UnknownHostException;

import com.demomultiplexer.config.CaddyProperties;
import com.demomultiplexer.config.ReplicaProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This process among its deployment's replicas: its name, and where Caddy reaches its API
 * (CADDY_API_UPSTREAM).
 */
@Component
public class ThisReplica {

	private final String name;

	private final String api;

	ThisReplica(ReplicaProperties replica, CaddyProperties caddy, @Value("${server.port}") int serverPort) {
		this.name = replica.name().isEmpty() ? hostName() + ":" + serverPort : replica.name();
		this.api = caddy.apiUpstream();
	}

	public String name() {
		return this.name;
	}

	public String api() {
		return this.api;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
