package com.demomultiplexer.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ApiProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.pool.Grant;
import com.demomultiplexer.pool.PoolManager;
import com.demomultiplexer.store.AcquireRequest.ClientLimits;
import com.demomultiplexer.store.AcquireResult.ClientUsage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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
 * The HTTP contract of the demo API, with the pool mocked: status codes, headers, bodies
 * and the problems that refuse bad requests before they reach the pool.
 */
@WebMvcTest(DemoController.class)
@Import({ ApiExceptionHandler.class, ClientAddresses.class })
@EnableConfigurationProperties({ PublicUrlProperties.class, ApiProperties.class, PoolProperties.class })
@TestPropertySource(properties = { "BASE_DOMAIN=demo.example.com", "PUBLIC_SCHEME=https", "PUBLIC_PORT=443" })
class DemoControllerTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private static final String PROBLEM = "application/problem+json";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	PoolManager pool;

	@Test
	void acquireAnswers201WithTheShopsAddressesTokenAndQuota() throws Exception {
		Instance instance = new Instance(InstanceId.random(), InstanceState.ASSIGNED, 20000, NOW, NOW, NOW,
				NOW.plus(Duration.ofMinutes(30)), 0, new Instance.Owner("127.0.0.1", "hash"),
				new BackOfficeLogin("demo@demo.example.com", "Pw4BackOffice"));
		given(this.pool.acquire("127.0.0.1", Duration.ZERO))
			.willReturn(new Grant(instance, "secret-token", new ClientLimits(5, 20, 2), new ClientUsage(1, 3, 1)));
		given(this.pool.extensionsLeft(instance)).willReturn(3);
		given(this.pool.maxExpiresAt(instance)).willReturn(NOW.plus(Duration.ofHours(2)));
		String id = instance.id().value();

		this.mvc.perform(post("/api/v1/demo/acquire"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/demo/" + id))
			.andExpect(header().string("RateLimit", "\"hourly\";r=4, \"daily\";r=17"))
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.token").value("secret-token"))
			.andExpect(jsonPath("$.state").value("assigned"))
			.andExpect(jsonPath("$.url").value("https://" + id + ".demo.example.com/"))
			.andExpect(jsonPath("$.adminUrl").value("https://" + id + ".demo.example.com/admin-dev/"))
			.andExpect(jsonPath("$.adminEmail").value("demo@demo.example.com"))
			.andExpect(jsonPath("$.adminPassword").value("Pw4BackOffice"))
			.andExpect(jsonPath("$.expiresAt").value("2026-11-26T10:30:00Z"))
			.andExpect(jsonPath("$.maxExpiresAt").value("2026-11-26T12:00:00Z"))
			.andExpect(jsonPath("$.extensionsLeft").value(3));
	}

	@Test
	void aWaitOutsideItsBoundsIsA400Problem() throws Exception {
		this.mvc.perform(post("/api/v1/demo/acquire?waitSeconds=31"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		this.mvc.perform(post("/api/v1/demo/acquire?waitSeconds=-1")).andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/v1/demo/acquire?waitSeconds=soon"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		verifyNoInteractions(this.pool);
	}

	@Test
	void aMalformedIdIsA400ProblemThatNeverReachesThePool() throws Exception {
		this.mvc.perform(get("/api/v1/demo/NOT-AN-ID").header("Authorization", "Bearer t"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM))
			.andExpect(jsonPath("$.detail").value("Invalid id: An instance id is 20 characters of a-z and 2-7."));
		this.mvc.perform(delete("/api/v1/demo/abc").header("Authorization", "Bearer t"))
			.andExpect(status().isBadRequest());
		verifyNoInteractions(this.pool);
	}

	@Test
	void aMissingTokenIsA401ProblemThatNeverReachesThePool() throws Exception {
		String path = "/api/v1/demo/" + InstanceId.random();
		this.mvc.perform(get(path))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		this.mvc.perform(delete(path).header("Authorization", "Basic dXNlcjpwYXNz"))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(post(path + "/extend").header("Authorization", "Bearer ")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"minutes\":10}"))
			.andExpect(status().isUnauthorized());
		verifyNoInteractions(this.pool);
	}

	@Test
	void extendBodiesAreCheckedBeforeThePoolSeesThem() throws Exception {
		String path = "/api/v1/demo/" + InstanceId.random() + "/extend";
		for (String body : new String[] { "{\"minutes\":0}", "{\"minutes\":-5}", "{\"minutes\":1441}", "{}",
				"{\"minutes\":\"ten\"}", "{\"minutes\":99999999999999}", "{\"minutes\":", "[]" }) {
			this.mvc
				.perform(post(path).header("Authorization", "Bearer t")
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		}
		this.mvc.perform(post(path).header("Authorization", "Bearer t").contentType(MediaType.TEXT_PLAIN).content("10"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		this.mvc
			.perform(post(path).header("Authorization", "Bearer t")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"minutes\":10,\"pad\":\"" + "x".repeat(5000) + "\"}"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
		verifyNoInteractions(this.pool);
	}

	@Test
	void anUnexpectedFailureIsA500ProblemThatRevealsNothing() throws Exception {
		willThrow(new IllegalStateException("secret internals")).given(this.pool).release(any(), eq("t"));

		this.mvc.perform(delete("/api/v1/demo/" + InstanceId.random()).header("Authorization", "Bearer t"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM))
			.andExpect(content().string(not(containsString("secret"))));
	}

	@Test
	void theWrongMethodIsA405Problem() throws Exception {
		this.mvc.perform(post("/api/v1/demo/" + InstanceId.random()))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentTypeCompatibleWith(PROBLEM));
	}

}
