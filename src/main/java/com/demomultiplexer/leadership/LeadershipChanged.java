package com.demomultiplexer.leadership;

/**
 * This replica began or stopped leading. Published in order, on a thread of its own, so
 * that listeners may take their time.
 *
 * @param leading whether this replica leads now
 * @param holder the replica that holds the lease, when known
 */
public record LeadershipChanged(boolean leading, String holder) {
}
