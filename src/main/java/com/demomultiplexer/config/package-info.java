/**
 * Settings, one validated record per concern, bound from the environment or {@code .env}
 * through the placeholders in {@code application.yml}.
 */
package com.demomultiplexer.config;
