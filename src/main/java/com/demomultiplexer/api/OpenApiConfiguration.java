package com.demomultiplexer.api;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header, the owner token's two security schemes, and the headers
 * and error responses that several operations share. The document is also checked in as
 * docs/openapi.json, which the build lints and generates a test client from.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String OWNER_TOKEN = "ownerToken";

	static final String OWNER_TOKEN_QUERY = "ownerTokenQuery";

	static final String RATE_LIMIT = "RateLimit";

	static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

	static final String RETRY_AFTER = "Retry-After";

	// The rate-limit headers' words, shared by the component headers (429) and the
	// acquire's 201, which annotations describe.
	static final String RATE_LIMIT_POLICY_DESCRIPTION = "The client's quota windows (IETF RateLimit draft)";

	static final String RATE_LIMIT_POLICY_EXAMPLE = "\"hourly\";q=5;w=3600, \"daily\";q=20;w=86400";

	static final String RATE_LIMIT_DESCRIPTION = "What remains of each window";

	static final String RATE_LIMIT_EXAMPLE = "\"hourly\";r=4, \"daily\";r=19";

	@Bean
	OpenAPI demoMultiplexerOpenApi() {
		Components components = new Components()
			.addSecuritySchemes(OWNER_TOKEN,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("The token from the acquire response"))
			.addSecuritySchemes(OWNER_TOKEN_QUERY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.QUERY)
				.name("token")
				.description("The token from the acquire response, as ?token= where EventSource cannot send headers"))
			.addHeaders(RATE_LIMIT_POLICY,
					new Header().description(RATE_LIMIT_POLICY_DESCRIPTION)
						.schema(new StringSchema().example(RATE_LIMIT_POLICY_EXAMPLE)))
			.addHeaders(RATE_LIMIT,
					new Header().description(RATE_LIMIT_DESCRIPTION)
						.schema(new StringSchema().example(RATE_LIMIT_EXAMPLE)))
			.addHeaders(RETRY_AFTER, new Header().description("Whole seconds to wait before asking again")
				.schema(new IntegerSchema().minimum(BigDecimal.ONE).example(10)));
		ProblemResponses.addTo(components);
		return new OpenAPI()
			.info(new Info().title("demo-multiplexer")
				.version("v1")
				.description("Instant PrestaShop trial shops from a warm pool. Errors are RFC 9457 problems."))
			// Relative, so that the document is the same wherever it is served from: the
			// service's port or the base domain through Caddy.
			.addServersItem(new Server().url("/").description("Where this document is served from"))
			.components(components);
	}

}
