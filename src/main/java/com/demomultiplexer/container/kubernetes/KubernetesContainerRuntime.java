package com.demomultiplexer.container.kubernetes;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ContainerStatus;
import com.demomultiplexer.container.ManagedContainer;
import com.demomultiplexer.container.ShopNetwork;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.DependencyCalls.Dependency;

/**
 * {@link ContainerRuntime} on the Kubernetes API through fabric8's kubernetes-client: a
 * shop is a Pod in KUBERNETES_NAMESPACE (see {@link ShopPods}), with its environment and
 * files in a Secret of the same name. Deaths come from an informer (a watch that lists
 * again after every break), never from polling.
 */
class KubernetesContainerRuntime implements ContainerRuntime {

	private final KubernetesClient client;

	private final ShopPods pods;

	private final String namespace;

	private final DependencyCalls calls;

	KubernetesContainerRuntime(KubernetesClient client, ShopPods pods, KubernetesProperties kubernetes,
			DependencyCalls calls) {
		this.client = client;
		this.pods = pods;
		this.namespace = kubernetes.namespace();
		this.calls = calls;
	}

	/**
	 * Creates the Secret, then the Pod: a Pod whose Secret is missing would wait for it
	 * instead of starting. When the Pod cannot be created its Secret is removed again,
	 * and only that: a refused Pod may be refused because one of that name exists.
	 */
	@Override
	public void start(ContainerSpec spec) {
		this.calls.run(Dependency.KUBERNETES, () -> {
			try {
				this.client.secrets().resource(this.pods.secret(spec)).create();
				this.client.pods().resource(this.pods.pod(spec)).create();
			}
			catch (RuntimeException ex) {
				try {
					this.client.secrets().inNamespace(this.namespace).withName(spec.name()).delete();
				}
				catch (RuntimeException cleanup) {
					// The teardown or the reconciler removes it later; the failure to
					// report
					// is the start's.
					ex.addSuppressed(cleanup);
				}
				throw ex;
			}
		});
	}

	@Override
	public ContainerStatus status(String name) {
		return this.calls.call(Dependency.KUBERNETES, () -> {
			Pod pod = this.client.pods().inNamespace(this.namespace).withName(name).get();
			return (pod != null) ? new PodState(pod).toContainerStatus() : ContainerStatus.GONE;
		});
	}

	/**
	 * Deletes the Pod with a one-second grace period: a shop that is torn down has
	 * nothing to save. Not zero, which removes the Pod from the API at once, before its
	 * node has stopped it: on a node out of reach the shop would run on, where no listing
	 * sees it.
	 */
	@Override
	public void remove(String name) {
		this.calls.run(Dependency.KUBERNETES, () -> removeNow(name));
	}

	private void removeNow(String name) {
		this.client.pods().inNamespace(this.namespace).withName(name).withGracePeriod(1).delete();
		this.client.secrets().inNamespace(this.namespace).withName(name).delete();
	}

	/**
	 * The Pods carrying {@code labels}, and each such Secret whose Pod is gone (left by a
	 * process that died between making the two) as a container that does not run.
	 */
	@Override
	public List<ManagedContainer> list(Map<String, String> labels) {
		return this.calls.call(Dependency.KUBERNETES, () -> {
			List<ManagedContainer> pods = this.client.pods()
				.inNamespace(this.namespace)
				.withLabels(labels)
				.list()
				.getItems()
				.stream()
				.map((pod) -> new ManagedContainer(pod.getMetadata().getName(), pod.getMetadata().getLabels(),
						new PodState(pod).running()))
				.toList();
			Set<String> names = pods.stream().map(ManagedContainer::name).collect(Collectors.toSet());
			Stream<ManagedContainer> secretsWithoutPod = this.client.secrets()
				.inNamespace(this.namespace)
				.withLabels(labels)
				.list()
				.getItems()
				.stream()
				.map(Secret::getMetadata)
				.filter((secret) -> !names.contains(secret.getName()))
				.map((secret) -> new ManagedContainer(secret.getName(), secret.getLabels(), false));
			return Stream.concat(pods.stream(), secretsWithoutPod).toList();
		});
	}

	/**
	 * Informs {@code onStop} when a Pod is first seen stopped (its container terminated,
	 * its phase finished, its deletion begun) or disappears without having been seen
	 * stopped; after a broken watch the informer's new list may report a Pod again, which
	 * the death watcher takes as the repeat it is. The informer lists and watches again
	 * by itself after a broken watch; only when it gives up is {@code onEnd} called.
	 */
	@Override
	public Closeable watchStops(Map<String, String> labels, Consumer<Map<String, String>> onStop, Runnable onEnd) {
		SharedIndexInformer<Pod> informer = this.client.pods()
			.inNamespace(this.namespace)
			.withLabels(labels)
			.inform(new ResourceEventHandler<>() {

				@Override
				public void onAdd(Pod pod) {
					// Pods that had stopped before the watch began are the reconciler's.
				}

				@Override
				public void onUpdate(Pod before, Pod after) {
					if (new PodState(after).stopped() && !new PodState(before).stopped()) {
						onStop.accept(after.getMetadata().getLabels());
					}
				}

				@Override
				public void onDelete(Pod pod, boolean finalStateUnknown) {
					if (finalStateUnknown || !new PodState(pod).stopped()) {
						onStop.accept(pod.getMetadata().getLabels());
					}
				}

			});
		informer.stopped().whenComplete((done, failure) -> {
			if (failure != null) {
				onEnd.run();
			}
		});
		return informer::close;
	}

	/**
	 * Shops are kept apart by NetworkPolicies, which the deployment's manifests hold: the
	 * service makes no network.
	 */
	@Override
	public void ensureNetwork(ShopNetwork network) {
	}

	@Override
	public void ping() {
		this.calls.run(Dependency.KUBERNETES,
				() -> this.client.pods()
					.inNamespace(this.namespace)
					.list(new ListOptionsBuilder().withLimit(1L).build()));
	}

}
