package com.demomultiplexer.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an acquire: the demo, and the owner token that every later call about it
 * needs. The token is shown here once and stored nowhere in clear.
 *
 * @param demo the demo
 * @param token the owner token
 */
record AcquireResponse(@JsonUnwrapped DemoResponse demo,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String token) {
}
