package com.demomultiplexer.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes a test class's static {@link Deployment} after the class, once
 * {@code @DirtiesContext} has shut the service down: cleaning up while the service still
 * ran would let its replenisher start new containers behind our back. Ordered before
 * DirtiesContextTestExecutionListener (3000) because after-class callbacks run in reverse
 * order. Static fields marked {@link ClosedAfterTheService} are closed then too.
 */
public class DeploymentCleanupListener implements TestExecutionListener, Ordered {

	@Override
	public void afterTestClass(TestContext testContext) throws Exception {
		for (Field field : testContext.getTestClass().getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == Deployment.class) {
				field.setAccessible(true);
				((Deployment) field.get(null)).close();
			}
			else if (Modifier.isStatic(field.getModifiers())
					&& field.isAnnotationPresent(ClosedAfterTheService.class)) {
				field.setAccessible(true);
				((AutoCloseable) field.get(null)).close();
			}
		}
	}

	@Override
	public int getOrder() {
		return 1000;
	}

}
