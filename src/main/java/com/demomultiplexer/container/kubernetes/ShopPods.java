package com.demomultiplexer.container.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ContainerFile;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.domain.InstanceId;

/**
 * What a shop looks like on Kubernetes: the Pod made from a {@link ContainerSpec}, and
 * the Secret that carries the spec's environment and files into it. A Secret, not the
 * Pod's own fields or a ConfigMap: the environment holds the shop's database and
 * back-office passwords, and whoever may read Pods (Kubernetes' built-in view role) must
 * not read those. The confinement is the one a Docker shop gets, in Kubernetes' words;
 * what Kubernetes sets per node instead of per Pod (the process limit, log rotation) is
 * left to the node's kubelet.
 */
class ShopPods {

	/** The shop's one container. */
	static final String CONTAINER = "shop";

	private static final String FILES_VOLUME = "files";

	/** Where a variable's value is in the shop's Secret. */
	static final String ENV_PREFIX = "env.";

	/** The name of the shop's port, which Caddy dials at the Pod's IP. */
	private static final String PORT = "http";

	private final String namespace;

	private final Long runAsUser;

	private final PublicUrlProperties publicUrls;

	private final int probeTimeoutSeconds;

	private final int probeAttempts;

	ShopPods(KubernetesProperties kubernetes, PublicUrlProperties publicUrls, PoolProperties pool) {
		this.namespace = kubernetes.namespace();
		this.runAsUser = kubernetes.runAsUser();
		this.publicUrls = publicUrls;
		// The kubelet's probe waits for the shop's slow first answer as the service's
		// own probe does (POOL_FIRST_REQUEST_TIMEOUT), so it never gives up on the
		// request that builds PrestaShop's cache and asks again.
		this.probeTimeoutSeconds = (int) Math.max(1, pool.firstRequestTimeout().toSeconds());
		this.probeAttempts = (int) Math.max(1, pool.warmupTimeout().toSeconds());
	}

	/**
	 * The shop's Pod. The kubelet never restarts it (a shop is single-use), it gets no
	 * service-account token (a prospect is an administrator inside and must not reach the
	 * cluster's API) and no service links (its environment is the spec's, exactly).
	 */
	Pod pod(ContainerSpec spec) {
		ContainerSpec.Confinement confinement = spec.confinement();
		Map<String, Quantity> resources = Map.of("memory", new Quantity(String.valueOf(confinement.memoryBytes())),
				"cpu", new Quantity((confinement.nanoCpus() / 1_000_000) + "m"));
		return new PodBuilder().withNewMetadata()
			.withName(spec.name())
			.withNamespace(this.namespace)
			.withLabels(spec.labels())
			.endMetadata()
			.withNewSpec()
			.withRestartPolicy("Never")
			.withAutomountServiceAccountToken(false)
			.withEnableServiceLinks(false)
			.withSecurityContext(podSecurity())
			.addNewContainer()
			.withName(CONTAINER)
			.withImage(spec.image())
			.withImagePullPolicy("IfNotPresent")
			.withEnv(spec.environment()
				.keySet()
				.stream()
				.map((name) -> new EnvVarBuilder().withName(name)
					.withNewValueFrom()
					.withNewSecretKeyRef()
					.withName(spec.name())
					.withKey(ENV_PREFIX + name)
					.endSecretKeyRef()
					.endValueFrom()
					.build())
				.toList())
			.addNewPort()
			.withName(PORT)
			.withContainerPort(spec.containerPort())
			.withProtocol("TCP")
			.endPort()
			// Requests equal to limits: the scheduler places a shop only where its
			// whole allowance fits, and it is the last to be evicted.
			.withNewResources()
			.withRequests(resources)
			.withLimits(resources)
			.endResources()
			.withNewSecurityContext()
			.withPrivileged(false)
			.withAllowPrivilegeEscalation(false)
			.withNewCapabilities()
			.withDrop("ALL")
			.withAdd(confinement.capabilities())
			.endCapabilities()
			.endSecurityContext()
			// A startup probe, not a readiness probe: the kubelet asks until the shop
			// first
			// answers and then stops (the Pod is Ready from then on), as the service's
			// own
			// probe does, instead of rendering the shop's front page every second for its
			// whole life. It keeps asking as long as a warm-up may take.
			.withNewStartupProbe()
			.withNewHttpGet()
			.withPath("/")
			.withNewPort(spec.containerPort())
			.withHttpHeaders(probeHeaders(spec))
			.endHttpGet()
			.withPeriodSeconds(1)
			.withTimeoutSeconds(this.probeTimeoutSeconds)
			.withSuccessThreshold(1)
			.withFailureThreshold(this.probeAttempts)
			.endStartupProbe()
			.withVolumeMounts(mounts(spec.files()))
			.endContainer()
			.withVolumes(spec.files().isEmpty() ? List.of()
					: List.of(new VolumeBuilder().withName(FILES_VOLUME)
						.withNewSecret()
						.withSecretName(spec.name())
						.withItems(items(spec.files()))
						.endSecret()
						.build()))
			.endSpec()
			.build();
	}

	/** The port the shop's container of {@code pod} listens on. */
	static int port(Pod pod) {
		return pod.getSpec()
			.getContainers()
			.stream()
			.filter((container) -> CONTAINER.equals(container.getName()))
			.flatMap((container) -> container.getPorts().stream())
			.filter((port) -> PORT.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"Pod " + pod.getMetadata().getName() + " declares no port named " + PORT))
			.getContainerPort();
	}

	/**
	 * The spec's environment ({@code env.<NAME>}) and files ({@code file-<n>}), one key
	 * each, in a Secret named and labelled as the Pod.
	 */
	Secret secret(ContainerSpec spec) {
		Map<String, String> data = new LinkedHashMap<>();
		spec.environment().forEach((name, value) -> data.put(ENV_PREFIX + name, base64(value)));
		for (int index = 0; index < spec.files().size(); index++) {
			data.put(key(index), base64(spec.files().get(index).content()));
		}
		return new SecretBuilder().withNewMetadata()
			.withName(spec.name())
			.withNamespace(this.namespace)
			.withLabels(spec.labels())
			.endMetadata()
			.withType("Opaque")
			.withData(data)
			.build();
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Non-root when the user's number is known; the default seccomp profile; and low
	 * ports open to any user, as Docker opens them in every container: flashlight's nginx
	 * binds port 80 as www-data, and with privilege escalation off its file capability is
	 * never granted. The sysctl is namespaced and on Kubernetes' safe list, so every
	 * kubelet accepts it.
	 */
	private PodSecurityContext podSecurity() {
		PodSecurityContextBuilder security = new PodSecurityContextBuilder().withNewSeccompProfile()
			.withType("RuntimeDefault")
			.endSeccompProfile()
			.addNewSysctl("net.ipv4.ip_unprivileged_port_start", "0");
		if (this.runAsUser != null) {
			security.withRunAsNonRoot(true).withRunAsUser(this.runAsUser).withRunAsGroup(this.runAsUser);
		}
		return security.build();
	}

	/**
	 * The kubelet asks as Caddy passes on a prospect's request, as the service's own
	 * probe does: with the shop's Host (any other gets a redirect, which a Kubernetes
	 * probe would count as success) and the public scheme.
	 */
	private List<HTTPHeader> probeHeaders(ContainerSpec spec) {
		InstanceId id = new InstanceId(spec.labels().get(ShopContainers.INSTANCE_LABEL));
		return List.of(new HTTPHeader("Host", this.publicUrls.shopAuthority(id)),
				new HTTPHeader("X-Forwarded-Proto", this.publicUrls.scheme()));
	}

	private static List<VolumeMount> mounts(List<ContainerFile> files) {
		List<VolumeMount> mounts = new ArrayList<>();
		for (int index = 0; index < files.size(); index++) {
			mounts.add(new VolumeMountBuilder().withName(FILES_VOLUME)
				.withMountPath(files.get(index).path())
				.withSubPath(key(index))
				.withReadOnly(true)
				.build());
		}
		return mounts;
	}

	private static List<KeyToPath> items(List<ContainerFile> files) {
		List<KeyToPath> items = new ArrayList<>();
		for (int index = 0; index < files.size(); index++) {
			items.add(new KeyToPathBuilder().withKey(key(index))
				.withPath(key(index))
				.withMode(files.get(index).mode())
				.build());
		}
		return items;
	}

	private static String key(int index) {
		return "file-" + index;
	}

}
