package com.demomultiplexer.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.demomultiplexer.pool.PoolManager;
import com.demomultiplexer.pool.PoolStats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pool's sizes, for signup pages that want to show availability and for operators.
 */
@RestController
@Tag(name = "Pool", description = "How many shops are ready, warming and in use")
class PoolController {

	private final PoolManager pool;

	PoolController(PoolManager pool) {
		this.pool = pool;
	}

	@Operation(summary = "The pool's sizes")
	@SecurityRequirements
	@GetMapping("/api/v1/pool/stats")
	PoolStats stats() {
		return this.pool.stats();
	}

}
