/**
 * Shop containers on Docker (or Podman's Docker-compatible API) through docker-java, and
 * the readiness check that tells a booted shop from a booting one.
 */
package com.demomultiplexer.container;
