package com.demomultiplexer.container.kubernetes;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.KubernetesProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.container.ContainerFile;
import com.demomultiplexer.container.ContainerSpec;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy files in deploy/kubernetes, read as the API server would read them, held to
 * what the code does: the Role grants exactly the calls the Kubernetes runtime makes (as
 * recorded by the mock API server), the service runs as the bound account with the shops'
 * namespace, every variable it sets exists, and the network policies select real shop
 * Pods and admit only Caddy and the service. No cluster runs here: whether a network
 * plugin enforces these policies is for the README's checks on a real one.
 */
@EnableKubernetesMockClient(crud = true)
class DeployManifestsTest {

	static KubernetesClient client;

	static KubernetesMockServer server;

	private static final Path DEPLOY = Path.of("deploy/kubernetes");

	private static final Map<String, String> SERVICE_POD = Map.of("app.kubernetes.io/name", "demo-multiplexer");

	private static final Map<String, String> CADDY_POD = Map.of("app.kubernetes.io/name", "demo-multiplexer-caddy");

	private final List<HasMetadata> resources = resources();

	private final Map<String, String> settings = envFile(DEPLOY.resolve("settings.env"));

	private final String shopsNamespace = this.settings.get("KUBERNETES_NAMESPACE");

	@Test
	void theRoleGrantsExactlyTheCallsTheRuntimeMakesInTheShopsNamespaceOnly() throws Exception {
		Role role = only(Role.class);
		assertThat(role.getMetadata().getNamespace()).isEqualTo(this.shopsNamespace);
		assertThat(this.resources).as("no cluster-wide rights")
			.noneMatch((resource) -> resource.getKind().startsWith("Cluster"));

		Map<String, Set<String>> granted = new TreeMap<>();
		for (PolicyRule rule : role.getRules()) {
			assertThat(rule.getApiGroups()).containsExactly("");
			assertThat(rule.getResourceNames()).isNullOrEmpty();
			rule.getResources()
				.forEach((resource) -> granted.computeIfAbsent(resource, (key) -> new TreeSet<>())
					.addAll(rule.getVerbs()));
		}
		assertThat(granted).isEqualTo(callsOfAShopsWholeLife());
	}

	@Test
	void theServiceRunsAsTheBoundAccountWithTwoReplicasAndOnlyKnownSettings() throws IOException {
		Deployment service = deployment("demo-multiplexer");
		RoleBinding binding = only(RoleBinding.class);
		assertThat(binding.getRoleRef().getName()).isEqualTo(only(Role.class).getMetadata().getName());
		assertThat(binding.getSubjects()).singleElement().satisfies((subject) -> {
			assertThat(subject.getKind()).isEqualTo("ServiceAccount");
			assertThat(subject.getName()).isEqualTo(service.getSpec().getTemplate().getSpec().getServiceAccountName());
			assertThat(subject.getNamespace()).isEqualTo(service.getMetadata().getNamespace());
		});
		assertThat(service.getSpec().getReplicas()).as("the lease's replicas").isGreaterThanOrEqualTo(2);

		var container = service.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getEnv()).anySatisfy((variable) -> {
			assertThat(variable.getName()).isEqualTo("CONTAINER_MODE");
			assertThat(variable.getValue()).isEqualTo("kubernetes");
		});
		Set<String> known = variablesOfTheService();
		Set<String> set = new TreeSet<>(this.settings.keySet());
		set.addAll(envFile(DEPLOY.resolve("secrets.env.example")).keySet());
		container.getEnv()
			.stream()
			.filter((variable) -> variable.getValueFrom() == null)
			.forEach((variable) -> set.add(variable.getName()));
		assertThat(known).as("positive control: the variables are read").contains("KUBERNETES_NAMESPACE");
		assertThat(set).as("every variable set is one the service reads").isSubsetOf(known);
		assertThat(named(Namespace.class, this.shopsNamespace).getMetadata().getLabels())
			.containsEntry("pod-security.kubernetes.io/enforce", "restricted");
	}

	@Test
	void onlyTheServiceGetsAnApiToken() {
		assertThat(deployment("demo-multiplexer").getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
			.isTrue();
		assertThat(deployment("caddy").getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
	}

	@Test
	void shopsAreReachedOnlyByCaddyAndTheServiceAndCaddysAdminOnlyByTheService() {
		Map<String, String> shop = shopPodLabels();
		NetworkPolicy shops = policy("shops");
		assertThat(shops.getMetadata().getNamespace()).isEqualTo(this.shopsNamespace);
		assertThat(Selectors.matches(shops.getSpec().getPodSelector(), shop)).as("a real shop Pod").isTrue();
		assertThat(Selectors.matches(shops.getSpec().getPodSelector(), SERVICE_POD)).isFalse();
		assertThat(Selectors.matches(shops.getSpec().getPodSelector(), CADDY_POD)).isFalse();
		assertThat(podLabels(deployment("demo-multiplexer"))).isEqualTo(SERVICE_POD);
		assertThat(podLabels(deployment("caddy"))).isEqualTo(CADDY_POD);

		assertThat(admits(shops, 80, "demo-multiplexer", SERVICE_POD)).isTrue();
		assertThat(admits(shops, 80, "demo-multiplexer", CADDY_POD)).isTrue();
		assertThat(admits(shops, 80, this.shopsNamespace, shop)).as("another shop").isFalse();
		assertThat(admits(shops, 80, "elsewhere", SERVICE_POD)).as("a look-alike elsewhere").isFalse();
		assertThat(admits(shops, 22, "demo-multiplexer", CADDY_POD)).as("another port").isFalse();
		assertThat(shops.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(shops.getSpec().getEgress()).as("MariaDB and DNS only").allSatisfy((rule) -> {
			assertThat(rule.getPorts()).isNotEmpty();
			assertThat(rule.getTo()).isNotEmpty();
			if (rule.getPorts().stream().anyMatch((port) -> port.getPort().getIntVal() == 3306)) {
				assertThat(rule.getPorts()).singleElement()
					.satisfies((port) -> assertThat(port.getPort().getIntVal()).isEqualTo(3306));
				assertThat(rule.getTo()).singleElement()
					.satisfies((peer) -> assertThat(peer.getIpBlock().getCidr())
						.isEqualTo(this.settings.get("MYSQL_HOST") + "/32"));
			}
			else {
				assertThat(rule.getPorts()).allSatisfy((port) -> assertThat(port.getPort().getIntVal()).isEqualTo(53));
				assertThat(rule.getTo()).allSatisfy((peer) -> {
					assertThat(peer.getIpBlock()).isNull();
					assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("k8s-app", "kube-dns");
				});
			}
		});
		NetworkPolicy rest = policy("default-deny");
		assertThat(rest.getMetadata().getNamespace()).isEqualTo(this.shopsNamespace);
		assertThat(Selectors.matches(rest.getSpec().getPodSelector(), Map.of("anything", "at all"))).isTrue();
		assertThat(rest.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(rest.getSpec().getIngress()).isNullOrEmpty();
		assertThat(rest.getSpec().getEgress()).isNullOrEmpty();

		NetworkPolicy caddy = policy("caddy-admin");
		assertThat(Selectors.matches(caddy.getSpec().getPodSelector(), CADDY_POD)).isTrue();
		assertThat(admits(caddy, 8080, "anywhere", shop)).as("the public port").isTrue();
		assertThat(admits(caddy, 2019, "demo-multiplexer", SERVICE_POD)).isTrue();
		assertThat(admits(caddy, 2019, "demo-multiplexer", CADDY_POD)).isFalse();
		assertThat(admits(caddy, 2019, this.shopsNamespace, shop)).isFalse();

		NetworkPolicy service = policy("service");
		assertThat(admits(service, 8080, "demo-multiplexer", CADDY_POD)).isTrue();
		assertThat(admits(service, 8080, this.shopsNamespace, shop)).as("a shop, forging X-Forwarded-For").isFalse();
		assertThat(admits(service, 8081, this.shopsNamespace, shop)).isFalse();
	}

	/**
	 * Whether {@code policy} lets a Pod with these labels in this namespace in on this
	 * port, by NetworkPolicy's rules: a rule without ports covers every port, one without
	 * peers admits everyone, a peer without a namespace selector means the policy's own
	 * namespace; an address block is taken to admit anyone, so a negative check cannot
	 * pass because of one.
	 */
	private static boolean admits(NetworkPolicy policy, int port, String namespace, Map<String, String> pod) {
		Map<String, String> namespaceLabels = Map.of("kubernetes.io/metadata.name", namespace);
		return policy.getSpec().getIngress().stream().anyMatch((rule) -> {
			boolean onPort = rule.getPorts() == null || rule.getPorts().isEmpty()
					|| rule.getPorts().stream().anyMatch((each) -> each.getPort().getIntVal() == port);
			boolean fromAnyone = rule.getFrom() == null || rule.getFrom().isEmpty();
			return onPort && (fromAnyone || rule.getFrom().stream().anyMatch((peer) -> {
				if (peer.getIpBlock() != null) {
					return true;
				}
				boolean namespaceMatches = (peer.getNamespaceSelector() != null)
						? Selectors.matches(peer.getNamespaceSelector(), namespaceLabels)
						: namespace.equals(policy.getMetadata().getNamespace());
				return namespaceMatches
						&& (peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), pod));
			}));
		});
	}

	/**
	 * The resources and verbs a shop's life takes, as the mock API server saw them:
	 * start, readiness, its address, status, listing, the death watch, removal and the
	 * health ping. The test's kubelet writes through a client of its own, which the count
	 * leaves out.
	 */
	private Map<String, Set<String>> callsOfAShopsWholeLife() throws Exception {
		KubernetesProperties kubernetes = new KubernetesProperties(this.shopsNamespace, 33L);
		DependencyCalls dependencies = new DependencyCalls(new SimpleMeterRegistry());
		KubernetesClient patient = MockApiClients.patient(client);
		KubernetesContainerRuntime runtime = new KubernetesContainerRuntime(patient, shopPods(kubernetes), kubernetes,
				dependencies);
		ContainerSpec spec = spec();
		try (KubernetesClient node = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(patient.getConfiguration()).withUserAgent(KUBELET).build())
			.build()) {
			Kubelet kubelet = new Kubelet(node, this.shopsNamespace);
			runtime.start(spec);
			kubelet.run(spec.name(), "10.1.2.3");
			kubelet.ready(spec.name(), "10.1.2.3");
			new PodAddresses(patient, kubernetes, dependencies).dial(spec.name(), 0);
			runtime.status(spec.name());
			runtime.list(spec.labels());
			runtime.ping();
			try (Closeable watch = runtime.watchStops(spec.labels(), (labels) -> {
			}, () -> {
			})) {
				runtime.remove(spec.name());
			}
		}
		finally {
			patient.close();
		}
		return received();
	}

	private static final String KUBELET = "test-kubelet";

	private static final Pattern RESOURCE_PATH = Pattern
		.compile("/api/v1/namespaces/[^/]+/(?<resource>[a-z]+)(?<name>/[^/?]+)?");

	/** What the server received from the service's side, as RBAC names it. */
	private static Map<String, Set<String>> received() throws InterruptedException {
		Map<String, Set<String>> calls = new TreeMap<>();
		RecordedRequest request;
		while ((request = server.takeRequest(500, TimeUnit.MILLISECONDS)) != null) {
			if (KUBELET.equals(request.getHeader("User-Agent"))) {
				continue;
			}
			URI uri = URI.create(request.getPath());
			Matcher path = RESOURCE_PATH.matcher(uri.getPath());
			assertThat(path.matches()).as(request.getPath()).isTrue();
			boolean named = path.group("name") != null;
			String query = (uri.getQuery() != null) ? uri.getQuery() : "";
			String verb = switch (request.getMethod()) {
				case "POST" -> "create";
				case "DELETE" -> named ? "delete" : "deletecollection";
				case "PUT" -> "update";
				case "PATCH" -> "patch";
				default -> query.contains("watch=true") ? "watch" : (named ? "get" : "list");
			};
			calls.computeIfAbsent(path.group("resource"), (key) -> new TreeSet<>()).add(verb);
		}
		return calls;
	}

	private Map<String, String> shopPodLabels() {
		KubernetesProperties kubernetes = new KubernetesProperties(this.shopsNamespace, 33L);
		return shopPods(kubernetes).pod(spec()).getMetadata().getLabels();
	}

	private static ShopPods shopPods(KubernetesProperties kubernetes) {
		return new ShopPods(kubernetes, new PublicUrlProperties("demo.localhost", "http", 80), Settings.pool());
	}

	private ContainerSpec spec() {
		InstanceId id = new InstanceId("k3deploydeploydeploy");
		return new ContainerSpec("demo-" + id.value(), "shop:1", Map.of("PS_DOMAIN", id.value() + ".demo.localhost"),
				List.of(new ContainerFile("/etc/my.cnf.d/ca.pem", "-----BEGIN CERTIFICATE-----\n", 0644)),
				Map.of(ShopContainers.DEPLOYMENT_LABEL, this.settings.get("DEPLOYMENT_NAME"),
						ShopContainers.INSTANCE_LABEL, id.value()),
				"unused", "127.0.0.1", 20001, 80,
				new ContainerSpec.Confinement(1L << 30, 1_000_000_000L, 512, 10_000_000, List.of("NET_BIND_SERVICE")));
	}

	private static Map<String, String> podLabels(Deployment deployment) {
		PodTemplateSpec template = deployment.getSpec().getTemplate();
		return template.getMetadata().getLabels();
	}

	private Deployment deployment(String name) {
		return named(Deployment.class, name);
	}

	private NetworkPolicy policy(String name) {
		return named(NetworkPolicy.class, name);
	}

	private <T extends HasMetadata> T named(Class<T> kind, String name) {
		return this.resources.stream()
			.filter((resource) -> kind.isInstance(resource) && resource.getMetadata().getName().equals(name))
			.map(kind::cast)
			.findFirst()
			.orElseThrow();
	}

	private <T extends HasMetadata> T only(Class<T> kind) {
		List<T> found = this.resources.stream().filter(kind::isInstance).map(kind::cast).toList();
		assertThat(found).as(kind.getSimpleName()).hasSize(1);
		return found.get(0);
	}

	/** Every resource file the kustomization lists, each document of it. */
	private static List<HasMetadata> resources() {
		try {
			List<HasMetadata> resources = new ArrayList<>();
			for (String line : Files.readAllLines(DEPLOY.resolve("kustomization.yaml"))) {
				if (line.matches("\\s+- [a-z-]+\\.yaml")) {
					try (InputStream file = Files.newInputStream(DEPLOY.resolve(line.strip().substring(2)))) {
						resources.addAll(client.load(file).items());
					}
				}
			}
			assertThat(resources).as("resources read").hasSizeGreaterThan(5);
			return resources;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The variables application.yml maps, as ${NAME:default}. */
	private static Set<String> variablesOfTheService() throws IOException {
		Matcher variables = Pattern.compile("\\$\\{([A-Z_]+):")
			.matcher(Files.readString(Path.of("src/main/resources/application.yml")));
		Set<String> names = new TreeSet<>();
		while (variables.find()) {
			names.add(variables.group(1));
		}
		return names;
	}

	private static Map<String, String> envFile(Path file) {
		try {
			return Files.readAllLines(file)
				.stream()
				.filter((line) -> line.contains("=") && !line.startsWith("#"))
				.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf('=')),
						(line) -> line.substring(line.indexOf('=') + 1), (first, second) -> second, TreeMap::new));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
