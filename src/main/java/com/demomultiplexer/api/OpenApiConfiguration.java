package com.demomultiplexer.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header and the owner-token security scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI demoMultiplexerOpenApi() {
		return new OpenAPI()
			.info(new Info().title("demo-multiplexer")
				.version("v1")
				.description("Instant PrestaShop trial shops from a warm pool. Errors are RFC 9457 problems."))
			.components(new Components().addSecuritySchemes("ownerToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("The token from the acquire response")));
	}

}
