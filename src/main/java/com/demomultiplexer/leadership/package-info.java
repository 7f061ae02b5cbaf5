/**
 * Several replicas of one deployment: which one leads (refills, reaps, reconciles) under
 * a lease with a fencing token, and which are alive for Caddy to spread the API over.
 */
package com.demomultiplexer.leadership;
