package com.demomultiplexer.pool;

import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.store.AcquireRequest.ClientLimits;
import com.demomultiplexer.store.AcquireResult.ClientUsage;

/**
 * A shop handed to a client: the only time its owner token is known in clear.
 *
 * @param instance the shop
 * @param token the owner token, to be given to the client once and never stored
 * @param limits the client's limits
 * @param usage the client's usage, this acquire included
 */
public record Grant(Instance instance, String token, ClientLimits limits, ClientUsage usage) {
}
