package com.demomultiplexer.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

/**
 * The whole service, against the real services, as one throw-away {@link Deployment} (a
 * static field of the test class, registered with {@code @DynamicPropertySource}), which
 * also picks the service's port so that Caddy can route the API to it. The service is
 * shut down after the class, then everything the deployment left is removed. Each test
 * starts once the service has led its first reconcile round
 * ({@link FirstReconcileListener}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@DirtiesContext
@TestExecutionListeners(listeners = { DeploymentCleanupListener.class, FirstReconcileListener.class },
		mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public @interface EndToEndTest {

}
