/**
 * Shop routes in Caddy, through its admin REST API. Every change reloads Caddy's whole
 * config under one lock, so routes change only at warm-up and teardown, never on the
 * acquire path.
 */
package com.demomultiplexer.proxy;
