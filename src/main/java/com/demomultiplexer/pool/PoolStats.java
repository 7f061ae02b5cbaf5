package com.demomultiplexer.pool;

/**
 * The pool at a glance.
 *
 * @param ready shops waiting to be handed out
 * @param warming shops booting
 * @param assigned shops in prospects' hands
 * @param target the ready size the replenisher aims for
 */
public record PoolStats(long ready, long warming, long assigned, int target) {
}
