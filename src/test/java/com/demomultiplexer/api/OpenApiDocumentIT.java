package com.demomultiplexer.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's contract is also a file in the repository, docs/openapi.json, which the build
 * lints (make lint-openapi) and generates the test client of {@link GeneratedClientIT}
 * from: it must be what the service serves. `make openapi` runs this test alone to write
 * the file.
 */
@EndToEndTest
@TestPropertySource(properties = { "POOL_TARGET_SIZE=0", "RECONCILE_INTERVAL=1h" })
class OpenApiDocumentIT {

	private static final Deployment deployment = new Deployment(22300);

	private static final Path CHECKED_IN = Path.of("docs/openapi.json");

	/** Where the served document is written, for `make openapi` to copy. */
	private static final Path SERVED = Path.of("target/openapi.json");

	/** The file's form: Jackson's pretty printer, keys in the order the service sends. */
	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@Test
	void theCheckedInDocumentIsTheServedOne() throws IOException {
		String served = JSON.writeValueAsString(
				JSON.readTree(new ApiClient(deployment.servicePort()).get("/v3/api-docs").body())) + "\n";
		Files.writeString(SERVED, served);

		String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "";
		assertThat(checkedIn)
			.withFailMessage(
					"%s is not what the service serves (%s), from line %d on: run `make openapi`, check the difference "
							+ "and commit the file",
					CHECKED_IN, SERVED, firstDifferentLine(checkedIn, served))
			.isEqualTo(served);
	}

	private static int firstDifferentLine(String one, String other) {
		String[] ones = one.split("\n", -1);
		String[] others = other.split("\n", -1);
		int line = 0;
		while (line < ones.length && line < others.length && ones[line].equals(others[line])) {
			line++;
		}
		return line + 1;
	}

}
