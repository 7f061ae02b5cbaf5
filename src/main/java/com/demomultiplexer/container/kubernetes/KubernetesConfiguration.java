package com.demomultiplexer.container.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopReadiness;
import com.demomultiplexer.container.ShopUpstreams;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * CONTAINER_MODE=kubernetes. The client finds the API server as kubectl does: in a Pod,
 * from its service account; elsewhere, from KUBECONFIG. Each API call is bounded by
 * CONTAINER_ENGINE_TIMEOUT, as on Docker; watches are not.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "container.mode", havingValue = "kubernetes")
class KubernetesConfiguration {

	@Bean(destroyMethod = "close")
	KubernetesClient kubernetesClient(ContainerProperties container) {
		Config config = new ConfigBuilder(Config.autoConfigure(null))
			.withRequestTimeout((int) container.engineTimeout().toMillis())
			.build();
		return new KubernetesClientBuilder().withConfig(config).build();
	}

	@Bean
	ContainerRuntime kubernetesContainerRuntime(KubernetesClient client, KubernetesProperties kubernetes,
			PublicUrlProperties publicUrls, PoolProperties pool, DependencyCalls calls) {
		return new KubernetesContainerRuntime(client, new ShopPods(kubernetes, publicUrls, pool), kubernetes, calls);
	}

	@Bean
	ShopUpstreams podAddresses(KubernetesClient client, KubernetesProperties kubernetes, DependencyCalls calls) {
		return new PodAddresses(client, kubernetes, calls);
	}

	/** Named so that /actuator/health shows it as {@code kubernetes}. */
	@Bean
	KubernetesHealthIndicator kubernetesHealthIndicator(ContainerRuntime runtime, KubernetesClient client,
			KubernetesProperties kubernetes) {
		return new KubernetesHealthIndicator(runtime, client, kubernetes);
	}

	@Bean
	ShopReadiness podReadiness(KubernetesClient client, KubernetesProperties kubernetes) {
		return new PodReadiness(client, kubernetes);
	}

}
