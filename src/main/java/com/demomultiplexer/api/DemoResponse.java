package com.demomultiplexer.api;

import java.net.URI;
import java.time.Instant;

import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.Instance;

/**
 * A demo shop as its prospect sees it.
 *
 * @param id the shop's id
 * @param state assigned, or how it ended
 * @param url the shop front
 * @param adminUrl the back office
 * @param expiresAt when the shop is destroyed
 */
record DemoResponse(String id, String state, URI url, URI adminUrl, Instant expiresAt) {

	static DemoResponse of(Instance instance, PublicUrlProperties publicUrls) {
		return new DemoResponse(instance.id().value(), instance.state().key(), publicUrls.shopUrl(instance.id()),
				publicUrls.backOfficeUrl(instance.id()), instance.expiresAt());
	}

}
