/**
 * Self-healing: the reconciler compares Docker, Valkey, Caddy, the port set and MariaDB
 * and repairs what disagrees; the death watcher drops shops whose container stops, as
 * Docker reports it.
 */
package com.demomultiplexer.reconcile;
