package com.demomultiplexer.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static {@link AutoCloseable} field of an {@link EndToEndTest} class that
 * {@link DeploymentCleanupListener} closes once the service has shut down: something the
 * service calls until its last moment (a stand-in API server, say), which closing in an
 * {@code @AfterAll} method would take away from it while it still runs.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ClosedAfterTheService {

}
