package com.demomultiplexer.api;

import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.pool.PoolManager;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Acquire, look at and release a demo shop. Ids in paths are converted to
 * {@link InstanceId}, which rejects anything that is not a well-formed id before it
 * reaches Valkey, Docker or Caddy.
 */
@RestController
@RequestMapping("/api/v1/demo")
class DemoController {

	private final PoolManager pool;

	private final PublicUrlProperties publicUrls;

	DemoController(PoolManager pool, PublicUrlProperties publicUrls) {
		this.pool = pool;
		this.publicUrls = publicUrls;
	}

	@PostMapping("/acquire")
	ResponseEntity<DemoResponse> acquire() {
		Instance instance = this.pool.acquire();
		return ResponseEntity
			.created(ServletUriComponentsBuilder.fromCurrentContextPath()
				.path("/api/v1/demo/{id}")
				.buildAndExpand(instance.id().value())
				.toUri())
			.body(DemoResponse.of(instance, this.publicUrls));
	}

	@GetMapping("/{id}")
	DemoResponse find(@PathVariable InstanceId id) {
		return DemoResponse.of(this.pool.find(id), this.publicUrls);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> release(@PathVariable InstanceId id) {
		this.pool.release(id);
		return ResponseEntity.noContent().build();
	}

}
