package com.demomultiplexer.support;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

import static org.awaitility.Awaitility.await;

/**
 * Holds every test of an {@link EndToEndTest} back until the service, once it leads its
 * deployment, has finished its first reconcile round. That round repairs whatever the
 * deployment's records do not explain, so a test that makes a database, container or
 * route of its own would otherwise race it.
 */
public class FirstReconcileListener implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		MeterRegistry meters = testContext.getApplicationContext().getBean(MeterRegistry.class);
		await("the first reconcile round").atMost(Duration.ofSeconds(60)).until(() -> {
			Timer rounds = meters.find("demo.reconcile.rounds").timer();
			return rounds != null && rounds.count() >= 1;
		});
	}

	@Override
	public int getOrder() {
		return 5000;
	}

}
