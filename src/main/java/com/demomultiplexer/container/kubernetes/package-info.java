/**
 * CONTAINER_MODE=kubernetes: each shop as a Pod, through fabric8's kubernetes-client.
 */
package com.demomultiplexer.container.kubernetes;
