package com.demomultiplexer.container.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.demomultiplexer.container.ContainerRuntime;
import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.database.ShopDatabases;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.leadership.LeaderLease;
import com.demomultiplexer.reconcile.ReconcilerAccess;
import com.demomultiplexer.store.InstanceRepository;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.ApiClient.Answer;
import com.demomultiplexer.support.ClosedAfterTheService;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;
import com.demomultiplexer.support.EventStream;
import com.demomultiplexer.support.Leases;
import com.demomultiplexer.support.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static com.demomultiplexer.support.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service with CONTAINER_MODE=kubernetes, against the real Valkey, Caddy and
 * MariaDB, with fabric8's mock API server (CRUD mode) as the cluster and a
 * {@link DockerKubelet} that runs each Pod as a Docker container: the pool warms Pods
 * that really start, the kubelet's probe with the shop's Host decides readiness, Caddy
 * dials each Pod's IP, and deaths, releases and the reconciler clean up Pods, their
 * Secrets, routes and databases.
 */
@EndToEndTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "POOL_MAX_SIZE=2", "RECONCILE_INTERVAL=1h",
		"logging.level.io.fabric8.mockwebserver=WARN" })
class KubernetesPoolIT {

	private static final Deployment deployment = new Deployment(26400);

	/** A namespace of the test's own on an API server of its own. */
	@ClosedAfterTheService
	private static final MockCluster cluster = new MockCluster("shops-" + InstanceId.random().value());

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	private static final Pattern DIAL = Pattern.compile("\"dial\"\\s*:\\s*\"([^\"]+)\"");

	/**
	 * The service's client, of the mock API server instead of the one KUBECONFIG names.
	 */
	@TestBean
	KubernetesClient kubernetesClient;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	@Autowired
	LeaderLease lease;

	@Autowired
	InstanceRepository instances;

	@Autowired
	ContainerRuntime runtime;

	@Autowired
	ShopContainers containers;

	@Autowired
	ShopDatabases databases;

	private final ApiClient api = new ApiClient(deployment.servicePort());

	static KubernetesClient kubernetesClient() {
		return cluster.newClient();
	}

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
		properties.add("CONTAINER_MODE", () -> "kubernetes");
		properties.add("KUBERNETES_NAMESPACE", cluster::namespace);
		// KUBERNETES_RUN_AS_USER keeps its default, flashlight's www-data (uid 1000, as
		// the
		// stand-in's): under another uid the stand-in cannot rewrite its own dump and
		// exits
		// before it listens, so this test holds the default to the image.
	}

	@Test
	@Order(1)
	void theWarmPoolIsPodsThatRunAndCaddyDialsEachAtItsPodIp() {
		awaitReadyShops(2);

		for (String id : deployment.idsIn("ready")) {
			Pod pod = pod(id);
			assertThat(pod).as("Pod of " + id).isNotNull();
			assertThat(new PodState(pod).ready()).as("Ready of " + id).isTrue();
			assertThat(cluster.kubelet().container(pod.getMetadata().getName())).as("the kubelet's container of " + id)
				.hasValueSatisfying((container) -> {
					assertThat(container.getState().getRunning()).isTrue();
					assertThat(container.getConfig().getUser()).isEqualTo("1000:1000");
					assertThat(container.getHostConfig().getCapDrop()).extracting(String::valueOf)
						.containsExactly("ALL");
				});
			assertThat(dials(id)).as("Caddy's upstream of " + id).containsExactly(pod.getStatus().getPodIP() + ":80");
			Deployment.Response page = deployment.getThroughCaddy(id + ".demo.localhost");
			assertThat(page.status()).as("page of " + id).isEqualTo(200);
			assertThat(page.body()).contains(id);
		}
	}

	@Test
	@Order(6)
	void healthReportsTheApiServerAndNoDockerEngine() {
		Answer health = new ApiClient("http://127.0.0.1:" + deployment.managementPort()).get("/actuator/health");
		assertThat(health.json().path("components").path("kubernetes").path("status").asString()).isEqualTo("UP");
		assertThat(health.json().path("components").path("kubernetes").path("details").path("namespace").asString())
			.isEqualTo(cluster.namespace());
		assertThat(health.json().path("components").has("docker")).as("Docker's indicator").isFalse();
	}

	@Test
	@Order(2)
	void anAcquiredShopAnswersThroughCaddyAndItsReleaseRemovesEverythingOfIt() {
		awaitReadyShops(2);
		Answer acquired = this.api.post("/api/v1/demo/acquire");
		assertThat(acquired.status()).isEqualTo(201);
		String id = acquired.text("id");
		String pod = podName(id);

		assertThat(deployment.getThroughCaddy(id + ".demo.localhost").status()).isEqualTo(200);
		// The control: all there is to remove is there.
		assertExists(id);

		assertThat(this.api.delete("/api/v1/demo/" + id, bearer(acquired.text("token"))).status()).isEqualTo(204);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(cluster.kubelet().container(pod)).as("container").isEmpty());
		assertThat(pod(id)).as("Pod").isNull();
		assertThat(secret(id)).as("Secret").isFalse();
		assertThat(deployment.routeExists(id)).as("route").isFalse();
		assertThat(deployment.databaseOrUserExists(id)).as("database").isFalse();
		assertThat(deployment.records()).doesNotContainKey(id);
	}

	@Test
	@Order(3)
	void aKilledReadyShopIsReplacedAndAKilledAssignedOneEndsAsFailed() throws Exception {
		awaitReadyShops(2);
		double deaths = deaths();
		Answer acquired = this.api.post("/api/v1/demo/acquire");
		String assigned = acquired.text("id");
		String ready = deployment.idsIn("ready").get(0);

		try (EventStream status = EventStream.open("http://127.0.0.1:" + deployment.servicePort() + "/api/v1/demo/"
				+ assigned + "/status?token=" + acquired.text("token"))) {
			status.next(Duration.ofSeconds(5));
			// The control: all there is to remove is there.
			for (String live : List.of(ready, assigned)) {
				assertExists(live);
			}
			cluster.kubelet().kill(podName(ready));
			cluster.kubelet().kill(podName(assigned));

			// The reconciler runs once an hour here: only the death watcher can act.
			assertThat(status.nextOtherThanTick(Duration.ofSeconds(30)).name()).isEqualTo("failed");
			assertThat(status.closedWithin(Duration.ofSeconds(30))).isTrue();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !deployment.records().containsKey(ready) && !deployment.records().containsKey(assigned));
		for (String dead : List.of(ready, assigned)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(cluster.kubelet().container(podName(dead))).as("container").isEmpty());
			assertThat(pod(dead)).as("Pod of " + dead).isNull();
			assertThat(secret(dead)).as("Secret of " + dead).isFalse();
			assertThat(deployment.routeExists(dead)).as("route of " + dead).isFalse();
			assertThat(deployment.databaseOrUserExists(dead)).as("database of " + dead).isFalse();
		}
		assertThat(deaths() - deaths).isEqualTo(2);

		awaitReadyShops(2);
		assertThat(deployment.idsIn("ready")).doesNotContain(ready, assigned);
	}

	@Test
	@Order(4)
	void aReadyShopWhosePodIsDeletedBehindTheServiceIsEndedAndReplaced() {
		awaitReadyShops(2);
		String deleted = deployment.idsIn("ready").get(0);
		double deaths = deaths();
		// The control: it runs and answers before.
		assertExists(deleted);
		assertThat(deployment.getThroughCaddy(deleted + ".demo.localhost").status()).isEqualTo(200);

		// As kubectl delete pod, or a node drained.
		cluster.client().pods().inNamespace(cluster.namespace()).withName(podName(deleted)).delete();

		await().atMost(Duration.ofSeconds(30)).until(() -> !deployment.records().containsKey(deleted));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(cluster.kubelet().container(podName(deleted))).isEmpty());
		assertThat(secret(deleted)).as("Secret").isFalse();
		assertThat(deployment.routeExists(deleted)).as("route").isFalse();
		assertThat(deployment.databaseOrUserExists(deleted)).as("database").isFalse();
		assertThat(deaths() - deaths).isEqualTo(1);
		awaitReadyShops(2);
		assertThat(deployment.idsIn("ready")).doesNotContain(deleted);
	}

	@Test
	@Order(5)
	void aRoundRemovesAnOrphanPodAndEndsARecordWhosePodIsGone() {
		awaitReadyShops(2);
		List<String> liveShops = deployment.idsIn("ready");
		InstanceId orphan = InstanceId.random();
		// A shop of this deployment, as a warm-up would start it, that no record knows.
		this.runtime
			.start(this.containers.spec(orphan, deployment.lastHostPort(), this.databases.create(orphan), LOGIN));
		InstanceId podless = InstanceId.random();
		this.instances.reserve(podless, Instant.now(), LOGIN, Leases.awaitLeading(this.lease)).orElseThrow();
		this.instances.markReady(podless, Instant.now(), Leases.awaitLeading(this.lease));
		// The controls: the orphan runs, the record is there.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> pod(orphan.value()) != null && new PodState(pod(orphan.value())).running());
		assertThat(cluster.kubelet().container(podName(orphan.value()))).isPresent();
		assertThat(secret(orphan.value())).isTrue();
		assertThat(deployment.databaseOrUserExists(orphan.value())).isTrue();
		assertThat(deployment.records()).containsKey(podless.value());

		ReconcilerAccess.round(this.context, Leases.awaitLeading(this.lease));

		assertThat(pod(orphan.value())).as("orphan Pod").isNull();
		assertThat(secret(orphan.value())).as("its Secret").isFalse();
		assertThat(deployment.databaseOrUserExists(orphan.value())).as("its database").isFalse();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(cluster.kubelet().container(podName(orphan.value()))).isEmpty());
		assertThat(deployment.records()).doesNotContainKey(podless.value());
		// The shops as they should be are left alone.
		for (String id : liveShops) {
			assertThat(pod(id)).as("Pod of " + id).isNotNull();
			assertThat(deployment.routeExists(id)).as("route of " + id).isTrue();
		}
		for (String kind : List.of("orphan_container", "dead_container")) {
			assertThat(this.meters.get("demo.reconcile.actions").tag("kind", kind).counter().count()).as(kind)
				.isGreaterThanOrEqualTo(1);
		}
	}

	/** The shop's Pod, Secret, container, route and database all exist. */
	private static void assertExists(String id) {
		assertThat(pod(id)).as("Pod of " + id).isNotNull();
		assertThat(secret(id)).as("Secret of " + id).isTrue();
		assertThat(cluster.kubelet().container(podName(id))).as("container of " + id).isPresent();
		assertThat(deployment.routeExists(id)).as("route of " + id).isTrue();
		assertThat(deployment.databaseOrUserExists(id)).as("database of " + id).isTrue();
	}

	private void awaitReadyShops(int count) {
		await("ready shops").atMost(Duration.ofSeconds(60))
			.until(() -> this.api.get("/api/v1/pool/stats").json().path("ready").asInt() == count);
	}

	private static String podName(String id) {
		return deployment.name() + "-" + id;
	}

	private static Pod pod(String id) {
		return cluster.client().pods().inNamespace(cluster.namespace()).withName(podName(id)).get();
	}

	private static boolean secret(String id) {
		return cluster.client().secrets().inNamespace(cluster.namespace()).withName(podName(id)).get() != null;
	}

	/** The addresses Caddy's route of the shop dials. */
	private static List<String> dials(String id) {
		String route = TestHttp.client()
			.get()
			.uri(deployment.environment().get("CADDY_ADMIN_URL") + "/id/" + podName(id))
			.retrieve()
			.body(String.class);
		Matcher dial = DIAL.matcher(route);
		List<String> dials = new java.util.ArrayList<>();
		while (dial.find()) {
			dials.add(dial.group(1));
		}
		return dials;
	}

	private double deaths() {
		var counter = this.meters.find("demo.reconcile.actions").tag("kind", "dead_container").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
