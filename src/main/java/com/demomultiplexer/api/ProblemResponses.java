package com.demomultiplexer.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The API's error answers as reusable responses of the OpenAPI document, each an RFC 9457
 * problem with an example of what the service really sends. Operations refer to them by
 * name ({@code @ApiResponse(ref = ...)}), because annotations cannot share a response and
 * a dozen copies of the same one would drift apart.
 */
final class ProblemResponses {

	static final String BAD_WAIT = "BadWaitSeconds";

	static final String MALFORMED_ID = "MalformedId";

	static final String BAD_EXTENSION = "BadExtension";

	static final String NO_TOKEN = "NoOwnerToken";

	static final String NOT_FOUND = "DemoNotFound";

	static final String ENDED = "DemoEnded";

	static final String TOO_LARGE = "BodyTooLarge";

	static final String NOT_JSON = "NotJson";

	static final String PAST_CAP = "ExtensionRefused";

	static final String OVER_LIMIT = "OverLimit";

	static final String POOL_EMPTY = "PoolEmpty";

	private static final String SCHEMA = "Problem";

	private static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String DEMO = "/api/v1/demo/k3vq7mz2xw5tjr4nbc6d";

	private ProblemResponses() {
	}

	static void addTo(Components components) {
		components.addSchemas(SCHEMA, schema());
		components.addResponses(BAD_WAIT, problem("waitSeconds out of range",
				example(400, "Bad Request", "waitSeconds must be between 0 and 30.", "/api/v1/demo/acquire")));
		components.addResponses(MALFORMED_ID, problem("Malformed id", example(400, "Invalid request",
				"Invalid id: An instance id is 20 characters of a-z and 2-7.", "/api/v1/demo/NOT-AN-ID")));
		components.addResponses(BAD_EXTENSION, problem("Malformed id or body, or minutes outside 1-1440",
				example(400, "Bad Request", "Invalid request content.", DEMO + "/extend")));
		components.addResponses(NO_TOKEN,
				problem("No owner token", example(401, "Owner token required",
						"This needs the demo's owner token, from the acquire response: 'Authorization: Bearer <token>' "
								+ "(or '?token=<token>' on the status stream).",
						DEMO)));
		components.addResponses(NOT_FOUND, problem("No running demo matches this id and token",
				example(404, "Demo not found", "No running demo matches this id and owner token.", DEMO)));
		Map<String, Object> ended = example(409, "Demo ended", "This demo has ended (expired) and cannot be extended.",
				DEMO + "/extend");
		ended.put("state", "expired");
		components.addResponses(ENDED, problem("The demo has ended; state says how", ended));
		components.addResponses(TOO_LARGE, problem("Body too large", example(413, "Body too large",
				"Request bodies are limited to 4096 bytes, sent with a Content-Length.", DEMO + "/extend")));
		components.addResponses(NOT_JSON, problem("Body is not application/json", example(415, "Unsupported Media Type",
				"Content-Type 'text/plain;charset=UTF-8' is not supported.", DEMO + "/extend")));
		Map<String, Object> pastCap = example(422, "Extension too long",
				"This demo can be extended by at most 10 more minutes (until 2026-11-28T18:30:00Z).", DEMO + "/extend");
		pastCap.put("maxMinutes", 10);
		pastCap.put("expiresAt", "2026-11-28T18:20:00Z");
		pastCap.put("maxExpiresAt", "2026-11-28T18:30:00Z");
		components.addResponses(PAST_CAP,
				problem("Past the lifetime cap or the number of extensions; maxMinutes says how many minutes "
						+ "can still be added", pastCap));
		Map<String, Object> overLimit = example(429, "Too many demos",
				"At most 5 demos per hour can be started from one address. Retry in 1800 seconds.",
				"/api/v1/demo/acquire");
		overLimit.put("limit", "hourly");
		components.addResponses(OVER_LIMIT,
				problem("Over a limit of the client's address (limit: hourly, daily or live); see Retry-After",
						overLimit)
					.addHeaderObject(OpenApiConfiguration.RETRY_AFTER, header(OpenApiConfiguration.RETRY_AFTER))
					.addHeaderObject(OpenApiConfiguration.RATE_LIMIT_POLICY,
							header(OpenApiConfiguration.RATE_LIMIT_POLICY))
					.addHeaderObject(OpenApiConfiguration.RATE_LIMIT, header(OpenApiConfiguration.RATE_LIMIT)));
		components.addResponses(POOL_EMPTY, problem(
				"No shop is ready, or the service cannot reach its state store; see Retry-After",
				example(503, "Pool empty", "No demo shop is ready right now; more are starting. Retry in 10 seconds.",
						"/api/v1/demo/acquire"))
			.addHeaderObject(OpenApiConfiguration.RETRY_AFTER, header(OpenApiConfiguration.RETRY_AFTER)));
	}

	/**
	 * RFC 9457's members; Spring always sends type, title, status and instance, and some
	 * problems add members of their own.
	 */
	private static Schema<?> schema() {
		return new ObjectSchema().description("An RFC 9457 problem")
			.addProperty("type", new StringSchema().format("uri-reference").example("about:blank"))
			.addProperty("title", new StringSchema().description("The kind of problem"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong, for people"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The request's path"))
			.addRequiredItem("type")
			.addRequiredItem("title")
			.addRequiredItem("status")
			.additionalProperties(true);
	}

	private static ApiResponse problem(String description, Map<String, Object> example) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(MEDIA_TYPE,
					new MediaType().schema(new Schema<>().$ref(SCHEMA)).example(example)));
	}

	private static Header header(String name) {
		return new Header().$ref(name);
	}

	private static Map<String, Object> example(int status, String title, String detail, String instance) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "about:blank");
		example.put("title", title);
		example.put("status", status);
		example.put("detail", detail);
		example.put("instance", instance);
		return example;
	}

}
