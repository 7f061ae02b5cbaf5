package com.demomultiplexer.container.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.container.WarmupFailedException.Reason;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A warm-up waits on the Pod's watch for the kubelet's verdict, with {@link Kubelet}
 * standing in for the node.
 */
@EnableKubernetesMockClient(crud = true)
class PodReadinessTest {

	static KubernetesClient client;

	/** The test's client, and the warm-up's: they wait out the mock server's stalls. */
	private static KubernetesClient patient;

	private static final String NAMESPACE = "shops";

	private static final String NAME = "demo-k3abcdefghijklmnopqr";

	private final KubernetesProperties kubernetes = new KubernetesProperties(NAMESPACE, 33L);

	private PodReadiness readiness;

	private Kubelet kubelet;

	@BeforeAll
	static void connect() {
		patient = MockApiClients.patient(client);
	}

	@AfterAll
	static void disconnect() {
		patient.close();
	}

	@BeforeEach
	void setUp() {
		this.readiness = new PodReadiness(patient, this.kubernetes);
		this.kubelet = new Kubelet(patient, NAMESPACE);
	}

	@AfterEach
	void clean() {
		patient.pods().inNamespace(NAMESPACE).delete();
		patient.secrets().inNamespace(NAMESPACE).delete();
	}

	@Test
	void readyWhenTheKubeletSaysTheProbePassedNotWhenThePodMerelyRuns() throws Exception {
		start();
		CompletableFuture<Void> waiting = waitInBackground(Duration.ofSeconds(20));
		this.kubelet.run(NAME, "10.1.2.3");
		Thread.sleep(500);
		assertThat(waiting).isNotDone();

		this.kubelet.ready(NAME, "10.1.2.3");
		waiting.get();
	}

	@Test
	void aPodThatStopsWhileBootingFailsAtOnceWithItsExitCode() {
		start();
		CompletableFuture<Void> waiting = waitInBackground(Duration.ofSeconds(20));
		this.kubelet.run(NAME, "10.1.2.3");
		this.kubelet.terminate(NAME, 2, "Error");

		await().until(waiting::isDone);
		assertThat(waiting).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(WarmupFailedException.class, (failure) -> {
				assertThat(failure.reason()).isEqualTo(Reason.EXITED);
				assertThat(failure).hasMessageContaining("exited with code 2");
			});
	}

	@Test
	void aPodDeletedWhileBootingFailsAtOnce() {
		start();
		this.kubelet.run(NAME, "10.1.2.3");
		CompletableFuture<Void> waiting = waitInBackground(Duration.ofSeconds(20));
		// The mock server replays nothing to a watch that begins after its list, as a
		// real one does: the deletion must come once the wait watches.
		await().during(Duration.ofMillis(500)).until(() -> !waiting.isDone());
		this.kubelet.delete(NAME);

		await().until(waiting::isDone);
		assertThat(waiting).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(WarmupFailedException.class,
					(failure) -> assertThat(failure.reason()).isEqualTo(Reason.EXITED));
	}

	@Test
	void anImageTheNodeCannotHaveFailsAtOnceNamingWhy() {
		start();
		CompletableFuture<Void> waiting = waitInBackground(Duration.ofSeconds(20));
		this.kubelet.cannotPull(NAME);

		await().until(waiting::isDone);
		assertThat(waiting).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(WarmupFailedException.class,
					(failure) -> assertThat(failure).hasMessageContaining("ErrImageNeverPull"));
	}

	@Test
	void aPodGoneBeforeTheWaitBeginsFailsAtOnce() {
		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await(NAME, 20001, "x.demo.localhost", Duration.ofSeconds(20)))
			.satisfies((failure) -> assertThat(failure).hasMessageContaining("the pod disappeared"));
	}

	@Test
	void aShopThatNeverGetsReadyTimesOut() {
		start();
		this.kubelet.run(NAME, "10.1.2.3");

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await(NAME, 20001, "x.demo.localhost", Duration.ofMillis(700)))
			.satisfies((failure) -> assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT));
	}

	private void start() {
		new KubernetesContainerRuntime(patient,
				new ShopPods(this.kubernetes, new PublicUrlProperties("demo.localhost", "http", 80), Settings.pool()),
				this.kubernetes, new DependencyCalls(new SimpleMeterRegistry()))
			.start(new ContainerSpec(NAME, "shop:1", Map.of(), List.of(),
					Map.of(ShopContainers.DEPLOYMENT_LABEL, "demo", ShopContainers.INSTANCE_LABEL,
							"k3abcdefghijklmnopqr"),
					"-", "127.0.0.1", 20001, 80, new ContainerSpec.Confinement(1L << 30, 1_000_000_000L, 512,
							10_000_000, List.of("NET_BIND_SERVICE"))));
	}

	private CompletableFuture<Void> waitInBackground(Duration timeout) {
		return CompletableFuture.runAsync(() -> {
			try {
				this.readiness.await(NAME, 20001, "k3abcdefghijklmnopqr.demo.localhost", timeout);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
