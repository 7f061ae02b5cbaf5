package com.demomultiplexer.container.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import com.demomultiplexer.container.ContainerArchive;
import com.demomultiplexer.container.ContainerFile;
import com.demomultiplexer.support.ContainerEngine;

/**
 * A kubelet for fabric8's mock API server that really runs each Pod: an informer on the
 * namespace's Pods starts each new one as a Docker container (its image, environment,
 * user, capabilities, no-new-privileges, sysctls, limits, and environment and files from
 * its Secret) on a Docker network of its own, reports it Running with the container's IP
 * as the Pod's, runs the Pod's readiness probe itself and reports the Ready condition,
 * reports the container's end as a failed Pod, and removes the container when the Pod is
 * deleted. What it does not do: schedule, pull images, restart, or enforce anything
 * Docker does not.
 */
final class DockerKubelet implements AutoCloseable {

	/** Marks the containers and the network this kubelet made, with its own id. */
	static final String LABEL = "demo-multiplexer.test-kubelet";

	private final KubernetesClient client;

	/**
	 * What this kubelet reports about its Pods, written as the mock cluster's tests do.
	 */
	private final Kubelet node;

	private final String namespace;

	private final DockerClient docker;

	private final String id;

	private final String network;

	private final SharedIndexInformer<Pod> informer;

	/** Status reports, probes and container waits, off the informer's thread. */
	private final ScheduledExecutorService work = Executors.newScheduledThreadPool(4);

	/** The probe of each running Pod, by Pod name. */
	private final Map<String, ScheduledFuture<?>> probes = new ConcurrentHashMap<>();

	/** The Pods whose containers were started, by name: each Pod is run once. */
	private final Map<String, String> containers = new ConcurrentHashMap<>();

	/**
	 * The Pods whose containers have ended: a late probe must not report them running.
	 */
	private final Set<String> ended = ConcurrentHashMap.newKeySet();

	DockerKubelet(KubernetesClient client, String namespace) {
		this.client = client;
		this.node = new Kubelet(client, namespace);
		this.namespace = namespace;
		var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(ContainerEngine.DOCKER.socket())
			.build();
		this.docker = DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
		this.id = "kubelet-" + Long.toString(System.nanoTime(), 36);
		this.network = this.id;
		this.docker.createNetworkCmd().withName(this.network).withDriver("bridge").withLabels(ours()).exec();
		this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {

			@Override
			public void onAdd(Pod pod) {
				DockerKubelet.this.work.execute(() -> run(pod));
			}

			@Override
			public void onUpdate(Pod before, Pod after) {
			}

			@Override
			public void onDelete(Pod pod, boolean finalStateUnknown) {
				DockerKubelet.this.work.execute(() -> removeContainerOf(pod.getMetadata().getName()));
			}

		});
	}

	/** Kills the Pod's container, as the kernel or a crash would end it. */
	void kill(String pod) {
		this.docker.killContainerCmd(this.containers.get(pod)).exec();
	}

	/** The Docker container that runs {@code pod}, if this kubelet started one. */
	Optional<InspectContainerResponse> container(String pod) {
		String container = this.containers.get(pod);
		if (container == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.docker.inspectContainerCmd(container).exec());
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The names of the Pods whose containers exist now. */
	List<String> runningPods() {
		return this.docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(ours())
			.exec()
			.stream()
			.map((container) -> container.getLabels().get(LABEL + ".pod"))
			.toList();
	}

	private void run(Pod pod) {
		String name = pod.getMetadata().getName();
		if (pod.getMetadata().getDeletionTimestamp() != null || this.containers.containsKey(name)) {
			return;
		}
		Container spec = pod.getSpec().getContainers().get(0);
		String container;
		try {
			container = create(pod, spec);
			this.containers.put(name, container);
			copyFiles(pod, spec, container);
			this.docker.startContainerCmd(container).exec();
		}
		catch (RuntimeException ex) {
			// A real kubelet reports a container it cannot make as waiting.
			report(name, false, () -> this.node.waiting(name, "CreateContainerError", String.valueOf(ex.getMessage())));
			return;
		}
		String ip = this.docker.inspectContainerCmd(container)
			.exec()
			.getNetworkSettings()
			.getNetworks()
			.get(this.network)
			.getIpAddress();
		report(name, true, () -> this.node.run(name, ip));
		this.work.execute(() -> awaitExit(name, container));
		Probe probe = spec.getStartupProbe();
		if (probe != null && probe.getHttpGet() != null) {
			long period = Optional.ofNullable(probe.getPeriodSeconds()).orElse(10);
			this.probes.put(name,
					this.work.scheduleWithFixedDelay(new StartupProbe(name, spec, ip), 0, period, TimeUnit.SECONDS));
		}
	}

	/** The container as the Pod describes it, created but not started. */
	private String create(Pod pod, Container spec) {
		SecurityContext security = Optional.ofNullable(spec.getSecurityContext()).orElse(new SecurityContext());
		PodSecurityContext podSecurity = Optional.ofNullable(pod.getSpec().getSecurityContext())
			.orElse(new PodSecurityContext());
		HostConfig host = HostConfig.newHostConfig().withNetworkMode(this.network).withPrivileged(false);
		Map<String, Quantity> limits = (spec.getResources() != null && spec.getResources().getLimits() != null)
				? spec.getResources().getLimits() : Map.of();
		if (limits.containsKey("memory")) {
			long bytes = Quantity.getAmountInBytes(limits.get("memory")).longValue();
			host.withMemory(bytes).withMemorySwap(bytes);
		}
		if (limits.containsKey("cpu")) {
			host.withNanoCPUs(
					Quantity.getAmountInBytes(limits.get("cpu")).multiply(BigDecimal.valueOf(1e9)).longValue());
		}
		if (security.getCapabilities() != null) {
			Optional.ofNullable(security.getCapabilities().getDrop())
				.filter((drop) -> !drop.isEmpty())
				.ifPresent(
						(drop) -> host.withCapDrop(drop.stream().map(Capability::valueOf).toArray(Capability[]::new)));
			Optional.ofNullable(security.getCapabilities().getAdd())
				.filter((add) -> !add.isEmpty())
				.ifPresent((add) -> host.withCapAdd(add.stream().map(Capability::valueOf).toArray(Capability[]::new)));
		}
		if (Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
			host.withSecurityOpts(List.of("no-new-privileges:true"));
		}
		if (podSecurity.getSysctls() != null && !podSecurity.getSysctls().isEmpty()) {
			Map<String, String> sysctls = new HashMap<>();
			podSecurity.getSysctls().forEach((sysctl) -> sysctls.put(sysctl.getName(), sysctl.getValue()));
			host.withSysctls(sysctls);
		}
		Map<String, String> labels = new HashMap<>(pod.getMetadata().getLabels());
		labels.putAll(ours());
		labels.put(LABEL + ".pod", pod.getMetadata().getName());
		var create = this.docker.createContainerCmd(spec.getImage())
			.withName(pod.getMetadata().getName())
			.withLabels(labels)
			.withEnv(Optional.ofNullable(spec.getEnv())
				.orElse(List.of())
				.stream()
				.map((variable) -> variable.getName() + "=" + value(variable))
				.toList())
			.withHostConfig(host);
		user(security, podSecurity).ifPresent(create::withUser);
		return create.exec().getId();
	}

	/** A variable's value, given or read from the key of a Secret it names. */
	private String value(EnvVar variable) {
		if (variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null) {
			return variable.getValue();
		}
		SecretKeySelector reference = variable.getValueFrom().getSecretKeyRef();
		return secretValue(reference.getName(), reference.getKey());
	}

	private String secretValue(String secretName, String key) {
		Secret secret = this.client.secrets().inNamespace(this.namespace).withName(secretName).get();
		if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
			throw new IllegalStateException("Secret " + secretName + " has no key " + key);
		}
		return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
	}

	/** runAsUser and runAsGroup, the container's own over the Pod's. */
	private static Optional<String> user(SecurityContext security, PodSecurityContext podSecurity) {
		Long uid = Optional.ofNullable(security.getRunAsUser()).orElse(podSecurity.getRunAsUser());
		Long gid = Optional.ofNullable(security.getRunAsGroup()).orElse(podSecurity.getRunAsGroup());
		if (uid == null) {
			return Optional.empty();
		}
		return Optional.of(uid + ((gid != null) ? ":" + gid : ""));
	}

	/**
	 * The files of the Pod's Secret volumes, each key at its mount's path, copied in
	 * before the container starts as a kubelet mounts them before it.
	 */
	private void copyFiles(Pod pod, Container spec, String container) {
		List<ContainerFile> files = new ArrayList<>();
		for (VolumeMount mount : Optional.ofNullable(spec.getVolumeMounts()).orElse(List.of())) {
			Volume volume = pod.getSpec()
				.getVolumes()
				.stream()
				.filter((candidate) -> candidate.getName().equals(mount.getName()))
				.findFirst()
				.orElseThrow();
			if (volume.getSecret() == null || mount.getSubPath() == null) {
				throw new IllegalStateException("only Secret keys mounted by subPath are run here: " + mount);
			}
			int mode = Optional.ofNullable(volume.getSecret().getItems())
				.orElse(List.of())
				.stream()
				.filter((item) -> item.getPath().equals(mount.getSubPath()))
				.map(KeyToPath::getMode)
				.filter((value) -> value != null)
				.findFirst()
				.orElse(0644);
			files.add(new ContainerFile(mount.getMountPath(),
					secretValue(volume.getSecret().getSecretName(), mount.getSubPath()), mode));
		}
		if (!files.isEmpty()) {
			this.docker.copyArchiveToContainerCmd(container)
				.withRemotePath("/")
				.withTarInputStream(new ByteArrayInputStream(ContainerArchive.of(files)))
				.exec();
		}
	}

	/**
	 * Waits for the container's end and reports the Pod failed, as restartPolicy Never.
	 */
	private void awaitExit(String pod, String container) {
		try {
			this.docker.waitContainerCmd(container).start().awaitStatusCode();
		}
		catch (RuntimeException ex) {
			// Removed while waited on: the Pod was deleted, nothing to report.
			return;
		}
		stopProbing(pod);
		this.ended.add(pod);
		InspectContainerResponse.ContainerState state;
		try {
			state = this.docker.inspectContainerCmd(container).exec().getState();
		}
		catch (NotFoundException ex) {
			return;
		}
		int exitCode = Optional.ofNullable(state.getExitCodeLong()).orElse(0L).intValue();
		String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "OOMKilled"
				: (exitCode == 0) ? "Completed" : "Error";
		report(pod, false, () -> this.node.terminate(pod, exitCode, reason));
	}

	private void removeContainerOf(String pod) {
		stopProbing(pod);
		String container = this.containers.get(pod);
		if (container == null) {
			return;
		}
		try {
			this.docker.removeContainerCmd(container).withForce(true).exec();
		}
		catch (NotFoundException ex) {
			// Already gone.
		}
	}

	private void stopProbing(String pod) {
		ScheduledFuture<?> probe = this.probes.remove(pod);
		if (probe != null) {
			probe.cancel(false);
		}
	}

	/**
	 * Writes the Pod's status as a node reports it, through {@link Kubelet}. One report
	 * at a time: two edits of the same Pod at once would each overwrite the other's; and
	 * none that the container runs once it has ended.
	 */
	private synchronized void report(String pod, boolean running, Runnable write) {
		if (running && this.ended.contains(pod)) {
			return;
		}
		try {
			write.run();
		}
		catch (KubernetesClientException ex) {
			// The Pod was deleted meanwhile: a kubelet has nothing to report then.
			if (ex.getCode() != 404) {
				throw ex;
			}
		}
	}

	private Map<String, String> ours() {
		return Map.of(LABEL, this.id);
	}

	/**
	 * Removes every container this kubelet made and its network, and stops following the
	 * API server.
	 */
	@Override
	public void close() {
		this.informer.close();
		this.work.shutdownNow();
		for (var container : this.docker.listContainersCmd().withShowAll(true).withLabelFilter(ours()).exec()) {
			try {
				this.docker.removeContainerCmd(container.getId()).withForce(true).exec();
			}
			catch (NotFoundException ex) {
				// Already gone.
			}
		}
		this.docker.removeNetworkCmd(this.network).exec();
		try {
			this.docker.close();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The Pod's startup probe, as the kubelet runs it: an HTTP GET of the probe's path at
	 * the Pod's IP and port with the probe's headers (a Host among them replaces the IP),
	 * where 2xx and 3xx both count as success, until it first succeeds; the Pod, which
	 * has no readiness probe, is then Ready.
	 */
	private final class StartupProbe implements Runnable {

		private final String pod;

		private final String ip;

		private final HTTPGetAction get;

		private final int timeoutMillis;

		private boolean started;

		StartupProbe(String pod, Container spec, String ip) {
			this.pod = pod;
			this.ip = ip;
			this.get = spec.getStartupProbe().getHttpGet();
			this.timeoutMillis = 1000 * Optional.ofNullable(spec.getStartupProbe().getTimeoutSeconds()).orElse(1);
		}

		@Override
		public void run() {
			if (!this.started && succeeds()) {
				this.started = true;
				report(this.pod, true, () -> DockerKubelet.this.node.ready(this.pod, this.ip));
			}
		}

		private boolean succeeds() {
			int port = this.get.getPort().getIntVal();
			StringBuilder request = new StringBuilder("GET ")
				.append(Optional.ofNullable(this.get.getPath()).orElse("/"))
				.append(" HTTP/1.1\r\n");
			boolean host = false;
			for (var header : Optional.ofNullable(this.get.getHttpHeaders()).orElse(List.of())) {
				host |= header.getName().equalsIgnoreCase("Host");
				request.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
			}
			if (!host) {
				request.append("Host: ").append(this.ip).append(':').append(port).append("\r\n");
			}
			request.append("User-Agent: kube-probe/1.34\r\nConnection: close\r\n\r\n");
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(this.ip, port), this.timeoutMillis);
				socket.setSoTimeout(this.timeoutMillis);
				OutputStream out = socket.getOutputStream();
				out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
				int status = Integer.parseInt(statusLine.substring(9, 12));
				return status >= 200 && status < 400;
			}
			catch (IOException | RuntimeException ex) {
				return false;
			}
		}

	}

}
