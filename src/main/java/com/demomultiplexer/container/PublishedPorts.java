package com.demomultiplexer.container;

import com.demomultiplexer.config.CaddyProperties;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * On the Docker API's engines a shop is published on a host port, which Caddy reaches at
 * CADDY_UPSTREAM_HOST.
 */
@Component
@Conditional(OnDockerApi.class)
class PublishedPorts implements ShopUpstreams {

	private final String upstreamHost;

	PublishedPorts(CaddyProperties caddy) {
		this.upstreamHost = caddy.upstreamHost();
	}

	@Override
	public String dial(String name, int hostPort) {
		return this.upstreamHost + ":" + hostPort;
	}

}
