/**
 * The shop instance and its lifecycle: warming → ready → assigned → expired / released
 * (or failed).
 */
package com.demomultiplexer.domain;
