package com.demomultiplexer.container.kubernetes;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service with CONTAINER_MODE=kubernetes: the real Valkey, Caddy and MariaDB,
 * and fabric8's mock API server in CRUD mode as the cluster. Nothing runs the Pods, so
 * the test plays the kubelet: it gives each new Pod an IP and reports it running and
 * ready, and kills or deletes Pods as a node would. What this shows is the pool on
 * Kubernetes: warm-up through Pod readiness, Caddy routed to Pod IPs, acquire and
 * release, deaths from the watch, and the reconciler's cleanup; that real shops answer
 * inside real Pods is for a real cluster (see the README).
 */
@EndToEndTest
@EnableKubernetesMockClient(crud = true)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "POOL_MAX_SIZE=5", "RECONCILE_INTERVAL=2s" })
class KubernetesPoolIT {

	static KubernetesClient client;

	private static final String NAMESPACE = "shops-it";

	private static final Deployment deployment = new Deployment(26400);

	private static final AtomicInteger lastAddress = new AtomicInteger();

	private static SharedIndexInformer<Pod> node;

	/** The service's client, replaced by one of the mock API server. */
	@TestBean(name = "kubernetesClient", methodName = "mockApiServersClient")
	KubernetesClient kubernetesClient;

	static KubernetesClient mockApiServersClient() {
		return client;
	}

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
		properties.add("CONTAINER_MODE", () -> "kubernetes");
		properties.add("KUBERNETES_NAMESPACE", () -> NAMESPACE);
	}

	/**
	 * The kubelet: every new Pod is scheduled, given the next free address and reported
	 * ready, as a node reports a shop that passed its readiness probe.
	 */
	@BeforeAll
	static void startTheNode() {
		Kubelet kubelet = new Kubelet(client, NAMESPACE);
		node = client.pods().inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {

			@Override
			public void onAdd(Pod pod) {
				String name = pod.getMetadata().getName();
				Thread.ofVirtual().start(() -> {
					String ip = "10.244.0." + lastAddress.incrementAndGet();
					kubelet.run(name, ip);
					kubelet.ready(name, ip);
				});
			}

			@Override
			public void onUpdate(Pod before, Pod after) {
			}

			@Override
			public void onDelete(Pod pod, boolean finalStateUnknown) {
			}

		});
	}

	@AfterAll
	static void stopTheNode() {
		node.close();
	}

	@Test
	void readyPodsAreRoutedByTheirIpsHandedOutAndReleasedWithoutATrace() {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60)).until(() -> readyShops().size() == 2);
		for (String id : readyShops()) {
			Pod pod = pod(id);
			assertThat(pod.getSpec().getContainers().get(0).getEnv()).anySatisfy((variable) -> {
				assertThat(variable.getName()).isEqualTo("PS_DOMAIN");
				assertThat(variable.getValue())
					.isEqualTo(id + "." + deployment.baseDomain() + ":" + deployment.publicPort());
			});
			assertThat(deployment.shopUpstreams(id)).containsExactly(pod.getStatus().getPodIP() + ":80");
		}

		Answer acquired = api.post("/api/v1/demo/acquire");
		assertThat(acquired.status()).isEqualTo(201);
		String id = acquired.text("id");
		assertThat(pod(id)).as("the Pod before release").isNotNull();
		assertThat(configMap(id)).isTrue();
		assertThat(deployment.databaseOrUserExists(id)).isTrue();
		assertThat(deployment.routedIds()).contains(id);

		assertThat(api.delete("/api/v1/demo/" + id, ApiClient.bearer(acquired.text("token"))).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(pod(id)).isNull();
			assertThat(configMap(id)).isFalse();
			assertThat(deployment.databaseOrUserExists(id)).isFalse();
			assertThat(deployment.routedIds()).doesNotContain(id);
			assertThat(deployment.recordExists(id)).isFalse();
		});
	}

	@Test
	void podsThatDieAreNeverHandedOutAndAreReplaced() {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60)).until(() -> readyShops().size() == 2);
		Answer acquired = api.post("/api/v1/demo/acquire");
		String assigned = acquired.text("id");
		await().atMost(Duration.ofSeconds(60)).until(() -> readyShops().size() == 2);
		List<String> ready = List.copyOf(readyShops());
		Kubelet kubelet = new Kubelet(client, NAMESPACE);

		kubelet.terminate(podName(ready.get(0)), 137, "OOMKilled");
		kubelet.delete(podName(ready.get(1)));
		kubelet.terminate(podName(assigned), 1, "Error");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(api.get("/api/v1/demo/" + assigned, ApiClient.bearer(acquired.text("token"))).status())
				.as("the assigned shop ended")
				.isEqualTo(404);
			for (String dead : List.of(ready.get(0), ready.get(1), assigned)) {
				assertThat(deployment.recordExists(dead)).isFalse();
				assertThat(pod(dead)).isNull();
				assertThat(deployment.routedIds()).doesNotContain(dead);
			}
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> readyShops().size() == 2);
		Set<String> handedOut = new HashSet<>();
		for (int i = 0; i < 2; i++) {
			handedOut.add(api.post("/api/v1/demo/acquire").text("id"));
		}
		assertThat(handedOut).as("replacements, not the dead")
			.hasSize(2)
			.doesNotContain(ready.get(0), ready.get(1), assigned);
	}

	@Test
	void theReconcilerRemovesPodsAndFilesNoRecordOwns() {
		String orphan = "k3orphanorphanorphan";
		Map<String, String> labels = Map.of(ShopContainers.DEPLOYMENT_LABEL, deployment.name(),
				ShopContainers.INSTANCE_LABEL, orphan);
		String lonelyFiles = "k3lonelyfileslonelyf";
		Map<String, String> elsewhere = Map.of(ShopContainers.DEPLOYMENT_LABEL, "someone-else",
				ShopContainers.INSTANCE_LABEL, "k3someoneelsesomeone");
		client.pods().resource(pod(podName(orphan), labels)).create();
		client.pods().resource(pod("someone-else-pod", elsewhere)).create();
		client.configMaps()
			.resource(new ConfigMapBuilder().withNewMetadata()
				.withName(podName(lonelyFiles))
				.withNamespace(NAMESPACE)
				.withLabels(Map.of(ShopContainers.DEPLOYMENT_LABEL, deployment.name(), ShopContainers.INSTANCE_LABEL,
						lonelyFiles))
				.endMetadata()
				.build())
			.create();
		assertThat(pod(orphan)).as("made").isNotNull();
		assertThat(configMap(lonelyFiles)).as("made").isTrue();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(pod(orphan)).isNull();
			assertThat(configMap(lonelyFiles)).isFalse();
		});
		assertThat(client.pods().inNamespace(NAMESPACE).withName("someone-else-pod").get())
			.as("another deployment's Pod is left alone")
			.isNotNull();
		client.pods().inNamespace(NAMESPACE).withName("someone-else-pod").delete();
	}

	private static Set<String> readyShops() {
		Set<String> ready = new HashSet<>();
		deployment.records().forEach((id, record) -> {
			if ("ready".equals(record.get("state"))) {
				ready.add(id);
			}
		});
		return ready;
	}

	private static String podName(String instanceId) {
		return deployment.name() + "-" + instanceId;
	}

	private static Pod pod(String instanceId) {
		return client.pods().inNamespace(NAMESPACE).withName(podName(instanceId)).get();
	}

	private static boolean configMap(String instanceId) {
		return client.configMaps().inNamespace(NAMESPACE).withName(podName(instanceId)).get() != null;
	}

	private static Pod pod(String name, Map<String, String> labels) {
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(NAMESPACE)
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName(ShopPods.CONTAINER)
			.withImage("shop:1")
			.endContainer()
			.endSpec()
			.build();
	}

}
