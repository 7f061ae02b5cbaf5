package com.demomultiplexer.api;

import com.demomultiplexer.config.ApiProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets signup pages on the origins in CORS_ALLOWED_ORIGINS call the API from the browser;
 * no origin is allowed unless listed. No credentials: the owner token travels in a
 * header, not a cookie.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

	private final ApiProperties api;

	CorsConfiguration(ApiProperties api) {
		this.api = api;
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		String[] origins = this.api.corsAllowedOrigins()
			.stream()
			.filter((origin) -> !origin.isBlank())
			.toArray(String[]::new);
		registry.addMapping("/api/**")
			.allowedOrigins(origins)
			.allowedMethods("GET", "POST", "DELETE")
			.allowedHeaders(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE)
			.exposedHeaders(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "RateLimit", "RateLimit-Policy")
			.maxAge(3600);
	}

}
