package com.demomultiplexer.api;

import com.demomultiplexer.countdown.CountdownStreams;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.pool.PoolManager;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A demo's live countdown as Server-Sent Events. Browsers' EventSource cannot send
 * headers, so the owner token may come as {@code ?token=}.
 */
@RestController
class StatusStreamController implements StatusStreamApi {

	private final PoolManager pool;

	private final CountdownStreams countdowns;

	StatusStreamController(PoolManager pool, CountdownStreams countdowns) {
		this.pool = pool;
		this.countdowns = countdowns;
	}

	@Override
	@GetMapping(path = "/api/v1/demo/{id}/status", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter status(@PathVariable InstanceId id, @RequestParam(required = false) String token,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		String ownerToken = (authorization != null) ? MissingTokenException.bearerToken(authorization)
				: MissingTokenException.queryToken(token);
		return this.countdowns.open(this.pool.find(id, ownerToken));
	}

}
