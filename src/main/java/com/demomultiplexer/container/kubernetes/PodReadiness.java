package com.demomultiplexer.container.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.container.ShopReadiness;
import com.demomultiplexer.container.WarmupFailedException;
import com.demomultiplexer.container.WarmupFailedException.Reason;

/**
 * {@link ShopReadiness} on Kubernetes: the kubelet probes the shop with its own Host (see
 * {@link ShopPods}), and this follows the Pod through a watch until it is Ready, has
 * stopped, cannot start, or is gone. The service never reaches the Pod itself, so the
 * host port and authority are not used here: the probe in the Pod carries them.
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
		CompletableFuture<List<Pod>> settled = this.client.pods()
			.inNamespace(this.namespace)
			.withName(name)
			.informOnCondition((pods) -> pods.isEmpty() || settled(new PodState(pods.get(0))));
		try {
			List<Pod> pods = settled.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (pods.isEmpty()) {
				throw new WarmupFailedException(Reason.EXITED, name + " stopped while booting: the pod disappeared",
						null);
			}
			PodState state = new PodState(pods.get(0));
			if (!state.ready()) {
				throw new WarmupFailedException(Reason.EXITED, name + " stopped while booting: " + state.describeStop(),
						null);
			}
		}
		catch (TimeoutException ex) {
			throw new WarmupFailedException(Reason.TIMEOUT,
					name + " was not ready (its probe answered for " + authority + ") within " + timeout, null);
		}
		catch (ExecutionException ex) {
			throw new WarmupFailedException(Reason.ERROR, "Following " + name + " failed: " + ex.getCause(),
					ex.getCause());
		}
		finally {
			// Ends the watch, whichever way the wait ended.
			settled.cancel(true);
		}
	}

	private static boolean settled(PodState state) {
		return state.ready() || state.stopped() || state.cannotStart();
	}

}
