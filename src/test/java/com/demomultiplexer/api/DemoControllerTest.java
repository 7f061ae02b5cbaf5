package com.demomultiplexer.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.pool.PoolManager;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP contract of the demo API: status codes, headers and problem+json bodies.
 */
@WebMvcTest(DemoController.class)
@Import(ApiExceptionHandler.class)
@EnableConfigurationProperties(PublicUrlProperties.class)
@TestPropertySource(properties = { "public.base-domain=demo.example.com", "public.scheme=https", "public.port=443" })
class DemoControllerTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	PoolManager pool;

	@Test
	void acquireAnswers201WithTheShopsAddresses() throws Exception {
		InstanceId id = InstanceId.random();
		given(this.pool.acquire()).willReturn(
				new Instance(id, InstanceState.ASSIGNED, 20000, NOW, NOW, NOW, NOW.plus(Duration.ofMinutes(30))));

		this.mvc.perform(post("/api/v1/demo/acquire"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "http://localhost/api/v1/demo/" + id))
			.andExpect(jsonPath("$.id").value(id.value()))
			.andExpect(jsonPath("$.url").value("https://" + id + ".demo.example.com/"))
			.andExpect(jsonPath("$.adminUrl").value("https://" + id + ".demo.example.com/admin-dev/"))
			.andExpect(jsonPath("$.expiresAt").value("2026-11-26T10:30:00Z"));
	}

	@Test
	void aMalformedIdIsA400ProblemThatNeverReachesThePool() throws Exception {
		this.mvc.perform(get("/api/v1/demo/NOT-AN-ID"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("Invalid id: An instance id is 20 characters of a-z and 2-7."));
		this.mvc.perform(delete("/api/v1/demo/abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		verifyNoInteractions(this.pool);
	}

	@Test
	void anUnexpectedFailureIsA500ProblemThatRevealsNothing() throws Exception {
		willThrow(new IllegalStateException("secret internals")).given(this.pool).release(any());

		this.mvc.perform(delete("/api/v1/demo/" + InstanceId.random()))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
	}

	@Test
	void aPathWithoutAnIdOrTheWrongMethodIsAProblem() throws Exception {
		this.mvc.perform(get("/api/v1/demo/acquire"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(delete("/api/v1/demo/acquire")).andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/v1/demo/" + InstanceId.random()))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

}
