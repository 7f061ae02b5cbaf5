package com.demomultiplexer.api;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.pool.PoolManager;

/**
 * A demo shop as its owner sees it.
 *
 * @param id the shop's id (public: it is in the shop's host name)
 * @param state assigned, or how it ended
 * @param url the shop front
 * @param adminUrl the back office
 * @param adminEmail the back office's login
 * @param adminPassword the back office's password
 * @param expiresAt when the shop is destroyed
 * @param maxExpiresAt the latest it can be extended to
 * @param extensionsLeft how many more times it can be extended
 */
@Schema(requiredProperties = { "id", "state", "url", "adminUrl", "adminEmail", "adminPassword", "expiresAt",
		"maxExpiresAt", "extensionsLeft" })
record DemoResponse(String id, String state, URI url, URI adminUrl, String adminEmail, String adminPassword,
		Instant expiresAt, Instant maxExpiresAt, int extensionsLeft) {

	static DemoResponse of(Instance instance, PublicUrlProperties publicUrls, PoolManager pool) {
		return new DemoResponse(instance.id().value(), instance.state().key(), publicUrls.shopUrl(instance.id()),
				publicUrls.backOfficeUrl(instance.id()), instance.backOffice().email(),
				instance.backOffice().password(), instance.expiresAt(), pool.maxExpiresAt(instance),
				pool.extensionsLeft(instance));
	}

}
