package com.demomultiplexer.container.kubernetes;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ContainerFile;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ContainerStatus;
import com.demomultiplexer.container.ManagedContainer;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes runtime against fabric8's mock API server in CRUD mode: it stores and
 * watches objects as an API server does, but runs nothing, so {@link Kubelet} reports
 * what a node would. What only a real cluster shows (the kubelet honouring the probe's
 * Host, the sysctl, the security context) is not claimed here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesContainerRuntimeTest {

	static KubernetesClient client;

	/** The test's client, and the runtime's: they wait out the mock server's stalls. */
	private static KubernetesClient patient;

	@BeforeAll
	static void connect() {
		patient = MockApiClients.patient(client);
	}

	@AfterAll
	static void disconnect() {
		patient.close();
	}

	private static final String NAMESPACE = "shops";

	private static final InstanceId ID = new InstanceId("k3abcdefghijklmnopqr");

	private static final Map<String, String> OURS = Map.of(ShopContainers.DEPLOYMENT_LABEL, "demo");

	private final PublicUrlProperties publicUrls = new PublicUrlProperties("demo.localhost", "http", 80);

	private final KubernetesProperties kubernetes = new KubernetesProperties(NAMESPACE, 33L);

	private final KubernetesContainerRuntime runtime = runtime(this.kubernetes);

	private final Kubelet kubelet = new Kubelet(patient, NAMESPACE);

	@AfterEach
	void clean() {
		patient.pods().inNamespace(NAMESPACE).delete();
		patient.secrets().inNamespace(NAMESPACE).delete();
	}

	@Test
	void aShopIsAPodConfinedAsADockerShopIs() {
		this.runtime.start(spec(ID));

		Pod pod = patient.pods().inNamespace(NAMESPACE).withName("demo-" + ID.value()).get();
		assertThat(pod.getMetadata().getLabels())
			.isEqualTo(Map.of(ShopContainers.DEPLOYMENT_LABEL, "demo", ShopContainers.INSTANCE_LABEL, ID.value()));
		assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getSpec().getEnableServiceLinks()).isFalse();
		var podSecurity = pod.getSpec().getSecurityContext();
		assertThat(podSecurity.getRunAsNonRoot()).isTrue();
		assertThat(podSecurity.getRunAsUser()).isEqualTo(33L);
		assertThat(podSecurity.getRunAsGroup()).isEqualTo(33L);
		assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(podSecurity.getSysctls()).singleElement().satisfies((sysctl) -> {
			assertThat(sysctl.getName()).isEqualTo("net.ipv4.ip_unprivileged_port_start");
			assertThat(sysctl.getValue()).isEqualTo("0");
		});

		assertThat(pod.getSpec().getContainers()).hasSize(1);
		Container shop = pod.getSpec().getContainers().get(0);
		assertThat(shop.getName()).isEqualTo("shop");
		assertThat(shop.getImage()).isEqualTo("prestashop/prestashop-flashlight:9.0.0");
		assertThat(shop.getImagePullPolicy()).isEqualTo("IfNotPresent");
		assertThat(shop.getEnv()).as("names only: the values are in the shop's Secret")
			.extracting(EnvVar::getName, EnvVar::getValue, (variable) -> variable.getValueFrom().getSecretKeyRef())
			.containsExactly(
					tuple("PS_DOMAIN", null, new SecretKeySelector("env.PS_DOMAIN", "demo-" + ID.value(), null)),
					tuple("MYSQL_PASSWORD", null,
							new SecretKeySelector("env.MYSQL_PASSWORD", "demo-" + ID.value(), null)),
					tuple("DEBUG_MODE", null, new SecretKeySelector("env.DEBUG_MODE", "demo-" + ID.value(), null)));
		assertThat(shop.getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getContainerPort()).isEqualTo(80);
			assertThat(port.getProtocol()).isEqualTo("TCP");
		});
		Map<String, Quantity> allowance = Map.of("memory", new Quantity("1073741824"), "cpu", new Quantity("1500m"));
		assertThat(shop.getResources().getLimits()).isEqualTo(allowance);
		assertThat(shop.getResources().getRequests()).isEqualTo(allowance);
		var security = shop.getSecurityContext();
		assertThat(security.getPrivileged()).isFalse();
		assertThat(security.getAllowPrivilegeEscalation()).isFalse();
		assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(security.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");

		assertThat(shop.getReadinessProbe()).as("nothing probes a ready shop").isNull();
		var probe = shop.getStartupProbe();
		assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
		assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(80);
		assertThat(probe.getHttpGet().getHttpHeaders()).containsExactly(
				new HTTPHeader("Host", ID.value() + ".demo.localhost"), new HTTPHeader("X-Forwarded-Proto", "http"));
		assertThat(probe.getTimeoutSeconds()).as("POOL_FIRST_REQUEST_TIMEOUT").isEqualTo(35);
		assertThat(probe.getPeriodSeconds()).isEqualTo(1);
		assertThat(probe.getFailureThreshold()).as("POOL_WARMUP_TIMEOUT, in seconds").isEqualTo(60);

		assertThat(shop.getVolumeMounts()).singleElement().satisfies((mount) -> {
			assertThat(mount.getName()).isEqualTo("files");
			assertThat(mount.getMountPath()).isEqualTo("/etc/ssl/shop-db-ca.pem");
			assertThat(mount.getSubPath()).isEqualTo("file-0");
			assertThat(mount.getReadOnly()).isTrue();
		});
		assertThat(pod.getSpec().getVolumes()).singleElement().satisfies((volume) -> {
			assertThat(volume.getName()).isEqualTo("files");
			assertThat(volume.getSecret().getSecretName()).isEqualTo("demo-" + ID.value());
			assertThat(volume.getSecret().getItems()).singleElement().satisfies((item) -> {
				assertThat(item.getKey()).isEqualTo("file-0");
				assertThat(item.getPath()).isEqualTo("file-0");
				assertThat(item.getMode()).isEqualTo(0644);
			});
		});
		Secret secret = patient.secrets().inNamespace(NAMESPACE).withName("demo-" + ID.value()).get();
		assertThat(decoded(secret)).isEqualTo(Map.of("file-0", "-----BEGIN CERTIFICATE-----\n", "env.PS_DOMAIN",
				ID.value() + ".demo.localhost", "env.MYSQL_PASSWORD", "secret", "env.DEBUG_MODE", "true"));
		assertThat(secret.getMetadata().getLabels()).isEqualTo(pod.getMetadata().getLabels());
	}

	@Test
	void withoutAUserNumberTheImagesOwnUserRunsAndNoFilesMeanNoVolume() {
		KubernetesContainerRuntime imageUser = runtime(new KubernetesProperties(NAMESPACE, null));
		ContainerSpec spec = spec(ID);
		imageUser.start(new ContainerSpec(spec.name(), spec.image(), spec.environment(), List.of(), spec.labels(),
				spec.network(), spec.bindAddress(), spec.hostPort(), spec.containerPort(), spec.confinement()));

		Pod pod = patient.pods().inNamespace(NAMESPACE).withName(spec.name()).get();
		assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isNull();
		assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isNull();
		assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(pod.getSpec().getVolumes()).isEmpty();
		assertThat(decoded(patient.secrets().inNamespace(NAMESPACE).withName(spec.name()).get()))
			.doesNotContainKey("file-0")
			.containsEntry("env.DEBUG_MODE", "true");
	}

	@Test
	void statusFollowsWhatTheKubeletReportsAndRemovalTakesPodAndFiles() {
		String name = spec(ID).name();
		this.runtime.start(spec(ID));
		assertThat(this.runtime.status(name)).isEqualTo(new ContainerStatus(true, false, 0, false));

		this.kubelet.run(name, "10.1.2.3");
		assertThat(this.runtime.status(name)).isEqualTo(new ContainerStatus(true, true, 0, false));
		assertThat(this.runtime.list(OURS)).containsExactly(new ManagedContainer(name, spec(ID).labels(), true));

		this.kubelet.terminate(name, 137, "OOMKilled");
		assertThat(this.runtime.status(name)).isEqualTo(new ContainerStatus(true, false, 137, true));
		assertThat(this.runtime.list(OURS)).containsExactly(new ManagedContainer(name, spec(ID).labels(), false));

		this.runtime.remove(name);
		assertThat(this.runtime.status(name)).isEqualTo(ContainerStatus.GONE);
		assertThat(patient.secrets().inNamespace(NAMESPACE).withName(name).get()).isNull();
		assertThat(this.runtime.list(OURS)).isEmpty();
		this.runtime.remove(name);
	}

	@Test
	void caddyDialsThePodsOwnAddressOnTheShopsPortNotTheHostPort() {
		String name = spec(ID).name();
		PodAddresses addresses = new PodAddresses(patient, this.kubernetes,
				new DependencyCalls(new SimpleMeterRegistry()));
		this.runtime.start(spec(ID));
		assertThatIllegalStateException().as("not yet scheduled").isThrownBy(() -> addresses.dial(name, 20001));

		this.kubelet.run(name, "10.1.2.3");
		assertThat(addresses.dial(name, 20001)).isEqualTo("10.1.2.3:80");
		this.kubelet.ready(name, "fd00::17");
		assertThat(addresses.dial(name, 20001)).isEqualTo("[fd00::17]:80");

		this.runtime.remove(name);
		assertThatIllegalStateException().as("gone").isThrownBy(() -> addresses.dial(name, 20001));
	}

	@Test
	void aSecretLeftWithoutItsPodIsListedAsAStoppedShopAndRemovedWithIt() {
		ContainerSpec spec = spec(ID);
		patient.secrets()
			.resource(new ShopPods(this.kubernetes, this.publicUrls, Settings.pool()).secret(spec))
			.create();
		ContainerSpec other = spec(new InstanceId("k3zzzzzzzzzzzzzzzzzz"));
		this.runtime.start(other);

		assertThat(this.runtime.list(OURS)).containsExactlyInAnyOrder(
				new ManagedContainer(other.name(), other.labels(), false),
				new ManagedContainer(spec.name(), spec.labels(), false));
		this.runtime.remove(spec.name());
		assertThat(this.runtime.list(OURS)).containsExactly(new ManagedContainer(other.name(), other.labels(), false));
	}

	@Test
	void aPodThatCannotBeCreatedLeavesNoSecretBehindAndTheOneInItsWayAlone() {
		ContainerSpec spec = spec(ID);
		patient.pods()
			.resource(new PodBuilder().withNewMetadata()
				.withName(spec.name())
				.withNamespace(NAMESPACE)
				.endMetadata()
				.build())
			.create();

		assertThatRuntimeException().isThrownBy(() -> this.runtime.start(spec));
		assertThat(patient.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
		assertThat(patient.pods().inNamespace(NAMESPACE).withName(spec.name()).get()).isNotNull();
	}

	@Test
	void theWatchReportsEachDeathOnceAndOnlyOurs() throws Exception {
		List<String> stopped = new CopyOnWriteArrayList<>();
		InstanceId crashes = new InstanceId("k3crashescrashescras");
		InstanceId deleted = new InstanceId("k3deleteddeleteddele");
		InstanceId survives = new InstanceId("k3survivessurvivessu");
		try (Closeable watch = this.runtime.watchStops(OURS,
				(labels) -> stopped.add(labels.get(ShopContainers.INSTANCE_LABEL)), () -> {
				})) {
			for (InstanceId id : List.of(crashes, deleted, survives)) {
				this.runtime.start(spec(id));
				this.kubelet.run(spec(id).name(), "10.1.2.3");
				this.kubelet.ready(spec(id).name(), "10.1.2.3");
			}
			Map<String, String> elsewhere = new LinkedHashMap<>(spec(ID).labels());
			elsewhere.put(ShopContainers.DEPLOYMENT_LABEL, "staging");
			ContainerSpec staging = spec(ID);
			runtime(this.kubernetes).start(new ContainerSpec("staging-" + ID.value(), staging.image(),
					staging.environment(), List.of(), elsewhere, staging.network(), staging.bindAddress(),
					staging.hostPort(), staging.containerPort(), staging.confinement()));

			this.kubelet.terminate(spec(crashes).name(), 1, "Error");
			this.kubelet.delete(spec(deleted).name());
			this.kubelet.delete("staging-" + ID.value());
			// A Pod already reported stopped is not reported again when it is deleted.
			this.kubelet.delete(spec(crashes).name());

			await()
				.untilAsserted(() -> assertThat(stopped).containsExactlyInAnyOrder(crashes.value(), deleted.value()));
			Thread.sleep(500);
			assertThat(stopped).containsExactlyInAnyOrder(crashes.value(), deleted.value());
		}
	}

	private static Map<String, String> decoded(Secret secret) {
		Map<String, String> values = new LinkedHashMap<>();
		secret.getData()
			.forEach((key, value) -> values.put(key,
					new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
		return values;
	}

	private KubernetesContainerRuntime runtime(KubernetesProperties settings) {
		return new KubernetesContainerRuntime(patient, new ShopPods(settings, this.publicUrls, Settings.pool()),
				settings, new DependencyCalls(new SimpleMeterRegistry()));
	}

	private static ContainerSpec spec(InstanceId id) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PS_DOMAIN", id.value() + ".demo.localhost");
		environment.put("MYSQL_PASSWORD", "secret");
		environment.put("DEBUG_MODE", "true");
		return new ContainerSpec("demo-" + id.value(), "prestashop/prestashop-flashlight:9.0.0", environment,
				List.of(new ContainerFile("/etc/ssl/shop-db-ca.pem", "-----BEGIN CERTIFICATE-----\n", 0644)),
				Map.of(ShopContainers.DEPLOYMENT_LABEL, "demo", ShopContainers.INSTANCE_LABEL, id.value()),
				"unused-on-kubernetes", "127.0.0.1", 20001, 80,
				new ContainerSpec.Confinement(1L << 30, 1_500_000_000L, 512, 10_000_000, List.of("NET_BIND_SERVICE")));
	}

}
