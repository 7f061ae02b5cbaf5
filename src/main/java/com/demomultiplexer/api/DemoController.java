package com.demomultiplexer.api;

import java.net.URI;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.pool.Grant;
import com.demomultiplexer.pool.PoolManager;
import com.demomultiplexer.pool.RateLimitHeaders;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Acquire a demo shop, then look at, extend or release it with its owner token. Ids in
 * paths are converted to {@link InstanceId}, which rejects anything that is not a
 * well-formed id before it reaches Valkey, Docker or Caddy.
 */
@RestController
@RequestMapping("/api/v1/demo")
class DemoController implements DemoApi {

	private final PoolManager pool;

	private final ClientAddresses clients;

	private final PublicUrlProperties publicUrls;

	private final Duration maxWait;

	DemoController(PoolManager pool, ClientAddresses clients, PublicUrlProperties publicUrls,
			PoolProperties poolProperties) {
		this.pool = pool;
		this.clients = clients;
		this.publicUrls = publicUrls;
		this.maxWait = poolProperties.maxWait();
	}

	@Override
	@PostMapping("/acquire")
	public ResponseEntity<AcquireResponse> acquire(@RequestParam(defaultValue = "0") int waitSeconds,
			HttpServletRequest request) throws InterruptedException {
		if (waitSeconds < 0 || waitSeconds > this.maxWait.toSeconds()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"waitSeconds must be between 0 and " + this.maxWait.toSeconds() + ".");
		}
		Grant grant = this.pool.acquire(this.clients.clientKey(request), Duration.ofSeconds(waitSeconds));
		HttpHeaders headers = new HttpHeaders();
		RateLimitHeaders.write(headers, grant.limits(), grant.usage());
		// Relative (RFC 9110 allows it): no parsing of the request's URL on the hot path.
		headers.setLocation(URI.create("/api/v1/demo/" + grant.instance().id().value()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.headers(headers)
			.body(new AcquireResponse(DemoResponse.of(grant.instance(), this.publicUrls, this.pool), grant.token()));
	}

	@Override
	@GetMapping("/{id}")
	public DemoResponse find(@PathVariable InstanceId id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return DemoResponse.of(this.pool.find(id, MissingTokenException.bearerToken(authorization)), this.publicUrls,
				this.pool);
	}

	@Override
	@PostMapping(path = "/{id}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
	public DemoResponse extend(@PathVariable InstanceId id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@Valid @RequestBody ExtendRequest extension) {
		return DemoResponse.of(this.pool.extend(id, MissingTokenException.bearerToken(authorization),
				Duration.ofMinutes(extension.minutes())), this.publicUrls, this.pool);
	}

	@Override
	@DeleteMapping("/{id}")
	public ResponseEntity<Void> release(@PathVariable InstanceId id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		this.pool.release(id, MissingTokenException.bearerToken(authorization));
		return ResponseEntity.noContent().build();
	}

}
