package com.demomultiplexer.store;

import java.time.Instant;

import com.demomultiplexer.domain.Instance;

/**
 * What an extension came to.
 */
public sealed interface ExtendResult {

	/** The shop now expires later. */
	record Extended(Instance instance) implements ExtendResult {
	}

	/** The shop is not assigned (any more): it expired, was released, or never was. */
	record Ended(String state) implements ExtendResult {
	}

	/** The owner used every extension allowed. */
	record NoExtensionsLeft(Instant expiresAt) implements ExtendResult {
	}

	/** The extension would take the shop past its lifetime cap. */
	record OverCap(Instant expiresAt, Instant maxExpiresAt) implements ExtendResult {
	}

}
