package com.demomultiplexer.ops;

import com.demomultiplexer.config.AdminProperties;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * Loads this package into the management server's context (listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}); the application's
 * own component scan leaves it out.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ComponentScan
class ManagementEndpointsConfiguration {

	@Bean
	FilterRegistrationBean<AdminApiKeyFilter> adminApiKeyFilter(AdminProperties admin) {
		FilterRegistrationBean<AdminApiKeyFilter> registration = new FilterRegistrationBean<>(
				new AdminApiKeyFilter(admin));
		registration.addUrlPatterns("/admin/*");
		return registration;
	}

}
