package com.demomultiplexer.system;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web server is Jetty, for the countdown streams: each keeps its response open for
 * the demo's whole life. Jetty takes buffers from a pool only while bytes move, so a
 * parked stream costs about 15 KB; Tomcat keeps about 90 KB of buffers per connection,
 * which made 1,000 streams cost 90 MB of heap.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

	/**
	 * What a stream does hold is its response buffer. The API's answers and the stream's
	 * events are a few hundred bytes, so 4 KB instead of Jetty's 32 KB costs nothing and
	 * saves 28 MB per 1,000 streams.
	 */
	static final int RESPONSE_BUFFER_BYTES = 4096;

	/**
	 * Connections the kernel may queue before Jetty accepts them. Jetty leaves it to
	 * Java's default of 50: a stampede of prospects opening connections at once then
	 * overflows it, and a client whose connection attempt was dropped waits a whole
	 * second before it tries again.
	 */
	static final int ACCEPT_QUEUE = 1024;

	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> connectorSettings() {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
				}
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (http != null) {
					http.getHttpConfiguration().setOutputBufferSize(RESPONSE_BUFFER_BYTES);
					// Heap buffers, not direct ones: direct buffers are malloc'ed and
					// freed
					// as connections come and go, and the C heap kept some 20 MB of the
					// fragments.
					http.getHttpConfiguration().setUseInputDirectByteBuffers(false);
					http.getHttpConfiguration().setUseOutputDirectByteBuffers(false);
				}
			}
		});
	}

}
