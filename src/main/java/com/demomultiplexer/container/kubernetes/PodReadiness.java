package com.demomultiplexer.container.kubernetes;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.container.ShopReadiness;
import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.container.WarmupFailedException.Reason;

/**
 * {@link ShopReadiness} on Kubernetes: the kubelet probes the shop with its own Host (see
 * {@link ShopPods}), and this follows the Pod through a watch until it is Ready, has
 * stopped, cannot start, or is gone; the watch ends with the wait. The service never
 * reaches the Pod itself, so the host port and authority are not used here: the probe in
 * the Pod carries them.
 */
class PodReadiness implements ShopReadiness {

	private final KubernetesClient client;

	private final String namespace;

	PodReadiness(KubernetesClient client, KubernetesProperties kubernetes) {
		this.client = client;
		this.namespace = kubernetes.namespace();
	}

	@Override
	public void await(String name, int hostPort, String authority, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		CompletableFuture<Optional<PodState>> verdict = new CompletableFuture<>();
		Consumer<Pod> offer = (pod) -> {
			PodState state = new PodState(pod);
			if (state.ready() || state.stopped() || state.cannotStart()) {
				verdict.complete(Optional.of(state));
			}
		};
		Resource<Pod> pod = this.client.pods().inNamespace(this.namespace).withName(name);
		// Made, then started within the wait's time and closed in any case: an informer
		// that inform() was still starting when the warm-up was cancelled would watch on
		// for the rest of the process's life.
		SharedIndexInformer<Pod> informer = pod.runnableInformer(0);
		informer.addEventHandler(new ResourceEventHandler<>() {

			@Override
			public void onAdd(Pod added) {
				offer.accept(added);
			}

			@Override
			public void onUpdate(Pod before, Pod after) {
				offer.accept(after);
			}

			@Override
			public void onDelete(Pod deleted, boolean finalStateUnknown) {
				verdict.complete(Optional.empty());
			}

		});
		try {
			informer.start().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			// A Pod deleted before the informer began is never reported deleted to it.
			// Its
			// first list may come from the API server's cache, which can lag behind the
			// Pod just made: only a read of the Pod itself says it is gone.
			if (informer.getStore().list().isEmpty() && pod.get() == null) {
				verdict.complete(Optional.empty());
			}
			judge(name, verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			throw new WarmupFailedException(Reason.TIMEOUT,
					name + " was not ready (its probe asks for " + authority + ") within " + timeout, null);
		}
		catch (ExecutionException ex) {
			throw new WarmupFailedException(Reason.ERROR, "Following " + name + " failed: " + ex.getCause(),
					ex.getCause());
		}
		finally {
			informer.close();
		}
	}

	private static void judge(String name, Optional<PodState> verdict) {
		if (verdict.isEmpty()) {
			throw new WarmupFailedException(Reason.EXITED, name + " stopped while booting: the pod disappeared", null);
		}
		if (!verdict.get().ready()) {
			throw new WarmupFailedException(Reason.EXITED,
					name + " stopped while booting: " + verdict.get().describeStop(), null);
		}
	}

}
