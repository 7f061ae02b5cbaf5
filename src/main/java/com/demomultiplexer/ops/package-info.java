/**
 * What only operators reach, on the management port (MANAGEMENT_PORT, loopback by
 * default) and never through the public Caddyfile: {@code /metrics} and the admin API.
 * This package is loaded into the management server's own context only, so none of it is
 * served on the public port.
 */
package com.demomultiplexer.ops;
