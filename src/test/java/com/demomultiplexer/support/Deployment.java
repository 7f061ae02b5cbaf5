package com.demomultiplexer.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.awaitility.Awaitility;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.demomultiplexer.container.ShopContainers;
import com.demomultiplexer.domain.InstanceId;

import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A throw-away deployment for an end-to-end test: its own name (so its own Valkey keys,
 * container labels and Caddy server), its own public port and host-port range, and direct
 * views into Docker, Valkey and Caddy to check what the service left there. Its shops are
 * the stand-in with its waits skipped ({@link StandinShop#QUICK}) unless made with
 * {@link #withFlashlightTiming}.
 */
public final class Deployment implements AutoCloseable {

	/** The host's Caddy and Valkey, which scripts/services.sh started. */
	private static final URI HOST_CADDY_ADMIN = URI.create("http://127.0.0.1:2019");

	private static final String HOST_VALKEY = "127.0.0.1:6379";

	private final String name = "e2e" + InstanceId.random().value().substring(0, 8);

	private final int publicPort;

	private final int servicePort = FreePorts.next();

	private final int managementPort = FreePorts.next();

	private final String adminKey = InstanceId.random().value();

	private final int firstHostPort;

	private final DockerClient docker;

	/** Where its shops run. */
	private final ContainerEngine engine;

	/** Set when the deployment has a Valkey of its own, which a fault test may stop. */
	private final ValkeyProcess ownValkey;

	/** Set when the deployment has a Caddy of its own, which a fault test may restart. */
	private final CaddyProcess ownCaddy;

	/** CONTAINER_ENVIRONMENT: the stand-in's timing. */
	private final String shopEnvironment;

	private final String valkeyAddress;

	private final URI caddyAdmin;

	private final String baseDomain;

	private final String databasePrefix;

	private final RedisClient redisClient;

	private final StatefulRedisConnection<String, String> redis;

	private final RestClient http = TestHttp.client();

	/** MariaDB through the provisioning account that scripts/services.sh created. */
	private final JdbcTemplate mariadb = Provisioning.account();

	/** A deployment on the host's Valkey and Caddy, beside whatever else runs there. */
	public Deployment(int firstHostPort) {
		this(firstHostPort, null, null, StandinShop.quickContainerEnvironment(), ContainerEngine.current());
	}

	/**
	 * A deployment whose shops take as long as the stand-in imitates flashlight's: a slow
	 * boot and a slow first request.
	 */
	public static Deployment withFlashlightTiming(int firstHostPort) {
		return withFlashlightTiming(firstHostPort, ContainerEngine.current());
	}

	/** The same, with its shops on the given engine (the benchmark compares them). */
	public static Deployment withFlashlightTiming(int firstHostPort, ContainerEngine engine) {
		return new Deployment(firstHostPort, null, null, "", engine);
	}

	/** A deployment with a Valkey of its own, for tests that stop it. */
	public static Deployment withOwnValkey(int firstHostPort) {
		try {
			return new Deployment(firstHostPort, ValkeyProcess.start(), null, StandinShop.quickContainerEnvironment(),
					ContainerEngine.current());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("cannot start redis-server", ex);
		}
	}

	/** A deployment with a Caddy of its own, for tests that restart it. */
	public static Deployment withOwnCaddy(int firstHostPort) {
		try {
			return new Deployment(firstHostPort, null, CaddyProcess.start(), StandinShop.quickContainerEnvironment(),
					ContainerEngine.current());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("cannot start caddy", ex);
		}
	}

	/**
	 * A deployment with a Valkey and a Caddy of its own, beside which {@link #beside}
	 * places others: clashes are made there, never on the host's services.
	 */
	public static Deployment withOwnValkeyAndCaddy(int firstHostPort) {
		try {
			return new Deployment(firstHostPort, ValkeyProcess.start(), CaddyProcess.start(),
					StandinShop.quickContainerEnvironment(), ContainerEngine.current());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("cannot start redis-server or caddy", ex);
		}
	}

	private Deployment(int firstHostPort, ValkeyProcess ownValkey, CaddyProcess ownCaddy, String shopEnvironment,
			ContainerEngine engine) {
		this(firstHostPort, ownValkey, ownCaddy, shopEnvironment,
				(ownValkey != null) ? ownValkey.address() : HOST_VALKEY,
				(ownCaddy != null) ? ownCaddy.adminUrl() : HOST_CADDY_ADMIN, FreePorts.next(), "demo.localhost", null,
				engine);
	}

	private Deployment(int firstHostPort, ValkeyProcess ownValkey, CaddyProcess ownCaddy, String shopEnvironment,
			String valkeyAddress, URI caddyAdmin, int publicPort, String baseDomain, String databasePrefix,
			ContainerEngine engine) {
		this.firstHostPort = firstHostPort;
		this.engine = engine;
		this.shopEnvironment = shopEnvironment;
		this.ownValkey = ownValkey;
		this.ownCaddy = ownCaddy;
		this.valkeyAddress = valkeyAddress;
		this.caddyAdmin = caddyAdmin;
		this.publicPort = publicPort;
		this.baseDomain = (baseDomain != null) ? baseDomain : this.name + ".localhost";
		this.databasePrefix = (databasePrefix != null) ? databasePrefix : "shop_" + this.name + "_";
		this.redisClient = RedisClient.create("redis://" + this.valkeyAddress);
		this.redis = this.redisClient.connect();
		var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(engine.socket()).build();
		this.docker = DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
	}

	/**
	 * Another deployment on this one's Valkey, Caddy and public listener, with host ports
	 * from {@code firstHostPort}, a base domain of its own ({@code <name>.localhost})
	 * and, as an operator would name a second deployment's, a database prefix of its own
	 * that starts with this one's.
	 */
	public Deployment beside(int firstHostPort) {
		return new Deployment(firstHostPort, null, null, this.shopEnvironment, this.valkeyAddress, this.caddyAdmin,
				this.publicPort, null, this.databasePrefix + InstanceId.random().value().substring(0, 4) + "_",
				this.engine);
	}

	/** The settings that make the service under test this deployment. */
	public void register(DynamicPropertyRegistry properties) {
		environment().forEach((name, value) -> properties.add(name, () -> value));
	}

	/** The same settings, as the environment of a service run as a process of its own. */
	public Map<String, String> environment() {
		return Map.ofEntries(Map.entry("DEPLOYMENT_NAME", this.name), Map.entry("VALKEY_ADDR", this.valkeyAddress),
				Map.entry("CADDY_ADMIN_URL", this.caddyAdmin.toString()),
				Map.entry("SERVER_PORT", String.valueOf(this.servicePort)),
				Map.entry("MANAGEMENT_PORT", String.valueOf(this.managementPort)),
				Map.entry("ADMIN_API_KEY", this.adminKey), Map.entry("CADDY_SERVER_NAME", this.name),
				Map.entry("CADDY_LISTEN", ":" + this.publicPort),
				Map.entry("PUBLIC_PORT", String.valueOf(this.publicPort)), Map.entry("BASE_DOMAIN", this.baseDomain),
				Map.entry("CONTAINER_IMAGE", StandinShop.IMAGE),
				Map.entry("CONTAINER_ENVIRONMENT", this.shopEnvironment),
				Map.entry("CONTAINER_PORT_RANGE_START", String.valueOf(firstHostPort())),
				Map.entry("CONTAINER_PORT_RANGE_END", String.valueOf(lastHostPort())),
				Map.entry("CONTAINER_MEMORY", "64MB"), Map.entry("SHOP_DB_PREFIX", databasePrefix()),
				Map.entry("CONTAINER_MODE", this.engine.mode()));
	}

	public ContainerEngine engine() {
		return this.engine;
	}

	public int firstHostPort() {
		return this.firstHostPort;
	}

	public int lastHostPort() {
		return this.firstHostPort + 49;
	}

	public int servicePort() {
		return this.servicePort;
	}

	/** Actuator, /metrics and the admin API. */
	public int managementPort() {
		return this.managementPort;
	}

	public String adminKey() {
		return this.adminKey;
	}

	/**
	 * The ids of the deployment's shops on record in Valkey, with their fields (state,
	 * host port, ...).
	 */
	public Map<String, Map<String, String>> records() {
		Map<String, Map<String, String>> records = new java.util.TreeMap<>();
		valkey().hgetall(instancesKey())
			.forEach((id, json) -> records.put(id, JsonMapper.shared().readValue(json, new TypeReference<>() {
			})));
		return records;
	}

	/** The ids of the deployment's shops on record in {@code state}. */
	public List<String> idsIn(String state) {
		return records().entrySet()
			.stream()
			.filter((record) -> state.equals(record.getValue().get("state")))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** The host ports Valkey holds as free. */
	public java.util.Set<Integer> freePorts() {
		return valkey().smembers("{" + this.name + "}:ports:free")
			.stream()
			.map(Integer::valueOf)
			.collect(java.util.stream.Collectors.toSet());
	}

	/** Forgets every client's acquires, so rate limits start afresh. */
	public void forgetClients() {
		List<String> keys = valkey().keys("\\{" + this.name + "\\}:client:*");
		if (!keys.isEmpty()) {
			valkey().del(keys.toArray(String[]::new));
		}
	}

	/**
	 * Takes a port out of the free set without recording it, as a lost record would leave
	 * it.
	 */
	public int loseAPort() {
		return Integer.parseInt(valkey().spop("{" + this.name + "}:ports:free"));
	}

	/**
	 * Deletes a warming shop's record behind the service's back, as a Valkey that lost
	 * data would: what was made for it is debris now, and its port is neither free nor
	 * held.
	 */
	public void loseRecord(String instanceId) {
		valkey().zrem("{" + this.name + "}:warming", instanceId);
		valkey().hdel(instancesKey(), instanceId);
	}

	/**
	 * The instance ids of this deployment's shop routes, in whichever Caddy server they
	 * are (its own, or another deployment's that it joined).
	 */
	@SuppressWarnings("unchecked")
	public java.util.Set<String> routedIds() {
		Map<String, Map<String, Object>> servers = this.http.get()
			.uri(this.caddyAdmin + "/config/apps/http/servers")
			.retrieve()
			.body(new org.springframework.core.ParameterizedTypeReference<>() {
			});
		return servers.values()
			.stream()
			.flatMap((server) -> ((List<Map<String, Object>>) server.getOrDefault("routes", List.of())).stream())
			.map((route) -> String.valueOf(route.get("@id")))
			.filter((id) -> id.startsWith(this.name + "-"))
			.map((id) -> id.substring(this.name.length() + 1))
			// Not its API and fallback routes.
			.filter((id) -> id.matches("[a-z2-7]{20}"))
			.collect(java.util.stream.Collectors.toSet());
	}

	/** Where the API route of this deployment's Caddy server sends requests. */
	public List<String> apiUpstreams() {
		return dials(this.name + "-api");
	}

	/** Where the shop's route in Caddy sends requests. */
	public List<String> shopUpstreams(String instanceId) {
		return dials(this.name + "-" + instanceId);
	}

	@SuppressWarnings("unchecked")
	private List<String> dials(String routeId) {
		Map<String, Object> route = this.http.get()
			.uri(this.caddyAdmin + "/id/" + routeId)
			.retrieve()
			.body(new org.springframework.core.ParameterizedTypeReference<>() {
			});
		Map<String, Object> proxy = ((List<Map<String, Object>>) route.get("handle")).get(0);
		return ((List<Map<String, String>>) proxy.get("upstreams")).stream()
			.map((upstream) -> upstream.get("dial"))
			.toList();
	}

	/** What the engine says about the shop's container. */
	public com.github.dockerjava.api.command.InspectContainerResponse inspect(String instanceId) {
		return this.docker.inspectContainerCmd(this.name + "-" + instanceId).exec();
	}

	/**
	 * What the engine's own command line says about the shop's container, in a Go
	 * template of its inspect output.
	 */
	public String engineInspect(String instanceId, String format) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(this.engine.cli(), "inspect", "--format", format,
				this.name + "-" + instanceId)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor()).as("inspect of " + instanceId).isZero();
		return output;
	}

	/**
	 * Runs a shell command inside the shop's container, as its owner could; its output
	 * and exit code.
	 */
	public String exec(String instanceId, String shellCommand) throws IOException, InterruptedException {
		// Podman's exec (conmon) leaves an empty file named "oom" in its working
		// directory when the kernel kills a process of the session for memory: a
		// directory of its own keeps it out of the checkout.
		Path directory = Files.createTempDirectory("exec");
		try {
			Process process = new ProcessBuilder(this.engine.cli(), "exec", this.name + "-" + instanceId, "sh", "-c",
					shellCommand)
				.directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return output + "[exit " + process.waitFor() + "]";
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/** Deletes a shop's route behind the service's back. */
	public void deleteRoute(String instanceId) {
		this.http.delete().uri(this.caddyAdmin + "/id/" + this.name + "-" + instanceId).retrieve().toBodilessEntity();
	}

	/** Names of this deployment's shop databases and users start with this. */
	public String databasePrefix() {
		return this.databasePrefix;
	}

	/** Its shops live at {@code <id>.<base domain>}. */
	public String baseDomain() {
		return this.baseDomain;
	}

	public String name() {
		return this.name;
	}

	/** Whether the shop's database or its MariaDB user exists. */
	public boolean databaseOrUserExists(String instanceId) {
		String name = databasePrefix() + instanceId;
		return !this.mariadb
			.queryForList("SELECT schema_name FROM information_schema.schemata WHERE schema_name = ?"
					+ " UNION SELECT user FROM mysql.user WHERE user = ?", String.class, name, name)
			.isEmpty();
	}

	/** The instance ids of this deployment's shop databases. */
	public List<String> databaseIds() {
		return this.mariadb.queryForList("SELECT schema_name FROM information_schema.schemata", String.class)
			.stream()
			.filter((name) -> name.startsWith(databasePrefix()))
			.map((name) -> name.substring(databasePrefix().length()))
			.toList();
	}

	/** The environment a shop's container was started with. */
	public java.util.Map<String, String> containerEnvironment(String instanceId) {
		String container = containers().stream()
			.filter((candidate) -> instanceId.equals(candidate.getLabels().get(ShopContainers.INSTANCE_LABEL)))
			.findFirst()
			.orElseThrow()
			.getId();
		return java.util.Arrays.stream(this.docker.inspectContainerCmd(container).exec().getConfig().getEnv())
			.map((variable) -> variable.split("=", 2))
			.collect(java.util.stream.Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
	}

	public int publicPort() {
		return this.publicPort;
	}

	/** Our running and stopped containers. */
	public List<Container> containers() {
		return this.docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(java.util.Map.of(ShopContainers.DEPLOYMENT_LABEL, this.name))
			.exec();
	}

	/**
	 * The instance ids of the networks made for this deployment's shops: one each on
	 * Podman, none on Docker, where shops share one network.
	 */
	public Set<String> shopNetworkIds() {
		return this.docker.listNetworksCmd()
			.withFilter("label", List.of(ShopContainers.DEPLOYMENT_LABEL + "=" + this.name))
			.exec()
			.stream()
			.map((network) -> network.getLabels().get(ShopContainers.INSTANCE_LABEL))
			.collect(Collectors.toSet());
	}

	/**
	 * Makes a network as a warm-up on Podman makes one for a shop, without the shop's
	 * container: what a crash between the two leaves.
	 */
	public void makeShopNetwork(String instanceId) {
		this.docker.createNetworkCmd()
			.withName(this.name + "-" + instanceId)
			.withDriver("bridge")
			.withOptions(Map.of("isolate", "true"))
			.withLabels(Map.of(ShopContainers.DEPLOYMENT_LABEL, this.name, ShopContainers.INSTANCE_LABEL, instanceId))
			.exec();
	}

	public boolean containerExists(String instanceId) {
		return containers().stream()
			.anyMatch((container) -> instanceId.equals(container.getLabels().get(ShopContainers.INSTANCE_LABEL)));
	}

	/** The host port the instance's container is published on. */
	public int hostPortOf(String instanceId) {
		return containers().stream()
			.filter((container) -> instanceId.equals(container.getLabels().get(ShopContainers.INSTANCE_LABEL)))
			.findFirst()
			.orElseThrow()
			.getPorts()[0].getPublicPort();
	}

	public boolean routeExists(String instanceId) {
		return this.http.get()
			.uri(this.caddyAdmin + "/id/" + this.name + "-" + instanceId)
			.exchange((request, response) -> response.getStatusCode().is2xxSuccessful());
	}

	public boolean recordExists(String instanceId) {
		return valkey().hexists(instancesKey(), instanceId);
	}

	/** The hash of every shop's record, by id (see ValkeyKeys). */
	private String instancesKey() {
		return "{" + this.name + "}:instances";
	}

	public boolean portIsFree(int port) {
		return valkey().sismember("{" + this.name + "}:ports:free", String.valueOf(port));
	}

	/** GET through Caddy, as a browser at {@code http://<host>:<public port>/} would. */
	public Response getThroughCaddy(String host) {
		return this.http.get()
			.uri("http://127.0.0.1:" + this.publicPort + "/")
			.header(HttpHeaders.HOST, host + ":" + this.publicPort)
			.exchange((request, response) -> new Response(response.getStatusCode().value(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	/** An HTTP answer. */
	public record Response(int status, String body) {
	}

	/**
	 * Removes whatever the deployment left: containers, its Caddy server, its Valkey
	 * keys.
	 */
	@Override
	public void close() throws IOException {
		for (Container container : containers()) {
			try {
				this.docker.removeContainerCmd(container.getId()).withForce(true).exec();
			}
			catch (NotFoundException | ConflictException ex) {
				// Gone, or being removed by a teardown the service began as it shut down:
				// waited for below.
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(containers()).as("the deployment's containers").isEmpty());
		for (String id : shopNetworkIds()) {
			this.docker.removeNetworkCmd(this.name + "-" + id).exec();
		}
		this.http.delete()
			.uri(this.caddyAdmin + "/config/apps/http/servers/" + this.name)
			.exchange((request, response) -> response.getStatusCode());
		for (String id : databaseIds()) {
			this.mariadb.execute("DROP DATABASE IF EXISTS `" + databasePrefix() + id + "`");
		}
		for (String user : this.mariadb.queryForList("SELECT user FROM mysql.user", String.class)) {
			if (user.startsWith(databasePrefix())) {
				this.mariadb.execute("DROP USER IF EXISTS '" + user + "'@'%'");
			}
		}
		List<String> keys = valkey().keys("\\{" + this.name + "\\}:*");
		if (!keys.isEmpty()) {
			valkey().del(keys.toArray(String[]::new));
		}
		// Its claim on the shared services (see SharedServicesClaim), which would
		// otherwise
		// lapse by itself a minute later.
		valkey().hdel("demo-multiplexer:deployments", this.name);
		this.redis.close();
		this.redisClient.shutdown();
		this.docker.close();
		try {
			if (this.ownValkey != null) {
				this.ownValkey.close();
			}
			if (this.ownCaddy != null) {
				this.ownCaddy.close();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The deployment's own Valkey, to stop and start. */
	public ValkeyProcess ownValkey() {
		return java.util.Objects.requireNonNull(this.ownValkey, "this deployment uses the host's Valkey");
	}

	/** The deployment's own Caddy, to restart. */
	public CaddyProcess ownCaddy() {
		return java.util.Objects.requireNonNull(this.ownCaddy, "this deployment uses the host's Caddy");
	}

	private RedisCommands<String, String> valkey() {
		return this.redis.sync();
	}

	/**
	 * Every shop is in the pool or assigned, with nothing half made or half torn down:
	 * containers, routes, databases and ports agree with the records, and no shop in
	 * {@code handedOut} went back to the pool.
	 */
	public void assertEverythingAgrees(java.util.Collection<String> handedOut) {
		Map<String, Map<String, String>> records = this.records();
		Set<String> containers = this.containers()
			.stream()
			.map((container) -> container.getLabels().get("demo-multiplexer.instance"))
			.collect(Collectors.toSet());
		Set<String> live = records.entrySet()
			.stream()
			.filter((record) -> List.of("ready", "assigned").contains(record.getValue().get("state")))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());

		assertThat(records.values()).as("no warm-up or teardown is left half done")
			.allSatisfy((record) -> assertThat(record.get("state")).isIn("ready", "assigned"));
		assertThat(containers).as("a container for every live shop and none other").isEqualTo(live);
		assertThat(this.routedIds()).as("a route for every live shop and none other").isEqualTo(live);
		assertThat(this.shopNetworkIds()).as("on Podman a network for every live shop and none other, on Docker none")
			.isEqualTo(this.engine.isPodman() ? live : Set.of());
		assertThat(new HashSet<>(this.databaseIds())).as("a database for every live shop and none other")
			.isEqualTo(live);
		Set<Integer> held = records.values()
			.stream()
			.map((record) -> Integer.valueOf(record.get("port")))
			.collect(Collectors.toSet());
		Set<Integer> free = this.freePorts();
		assertThat(held).as("each port held once").hasSize(records.size()).doesNotContainAnyElementsOf(free);
		assertThat(held.size() + free.size()).as("no port lost")
			.isEqualTo(this.lastHostPort() - this.firstHostPort() + 1);
		assertThat(IntStream.rangeClosed(this.firstHostPort(), this.lastHostPort()).boxed())
			.allSatisfy((port) -> assertThat(held.contains(port) || free.contains(port)).isTrue());
		for (String id : handedOut) {
			if (records.containsKey(id)) {
				assertThat(records.get(id).get("state")).as("a shop handed out never returns to the pool")
					.isEqualTo("assigned");
			}
		}
	}

}
