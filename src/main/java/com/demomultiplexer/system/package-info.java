/**
 * Cross-cutting plumbing: start-up diagnostics, clocks and executors.
 */
package com.demomultiplexer.system;
