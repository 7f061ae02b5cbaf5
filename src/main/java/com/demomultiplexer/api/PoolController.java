package com.demomultiplexer.api;

import com.demomultiplexer.pool.PoolManager;
import com.demomultiplexer.pool.PoolStats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pool's sizes, for signup pages that want to show availability and for operators.
 */
@RestController
class PoolController {

	private final PoolManager pool;

	PoolController(PoolManager pool) {
		this.pool = pool;
	}

	@GetMapping("/api/v1/pool/stats")
	PoolStats stats() {
		return this.pool.stats();
	}

}
