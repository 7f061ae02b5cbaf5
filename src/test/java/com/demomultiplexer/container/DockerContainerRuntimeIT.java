package com.demomultiplexer.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.support.StandaloneShops;
import com.demomultiplexer.support.StandinShop;
import com.demomultiplexer.support.TestHttp;
import com.demomultiplexer.system.DependencyCalls;
import com.demomultiplexer.system.Sleeper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shop containers on the real Docker engine with the stand-in image, each with its own
 * database on the shared MariaDB (all set up by scripts/services.sh), as the service
 * makes them.
 */
class DockerContainerRuntimeIT {

	private static final ContainerProperties CONTAINER = new ContainerProperties(ContainerProperties.Mode.DOCKER, "",
			StandinShop.IMAGE, 21000, 21009, "127.0.0.1", DataSize.ofMegabytes(64), 0.5, 64,
			List.of("NET_BIND_SERVICE"), DataSize.ofMegabytes(1), Duration.ofSeconds(60), List.of());

	private final StandaloneShops shops = new StandaloneShops("rt" + InstanceId.random().value().substring(0, 8),
			StandinShop.QUICK, 80);

	private final List<String> started = new ArrayList<>();

	private DockerClient docker;

	private DockerContainerRuntime runtime;

	private ShopReadiness readiness;

	@BeforeEach
	void connect() {
		this.docker = new DockerClientConfiguration().dockerClient(CONTAINER, Settings.pool());
		this.runtime = new DockerContainerRuntime(this.docker, new DependencyCalls(new SimpleMeterRegistry()),
				CONTAINER);
		this.readiness = new HttpShopReadiness(this.runtime, CONTAINER, Settings.pool(),
				new PublicUrlProperties("demo.localhost", "http", 80), Clock.systemUTC(), Sleeper.THREAD);
	}

	@AfterEach
	void removeLeftovers() throws Exception {
		this.started.forEach(this.runtime::remove);
		this.shops.close();
		this.runtime.close();
		this.docker.close();
	}

	@Test
	void aShopStartsWithItsFilesBecomesReadyForItsOwnHostAndIsRemoved() throws Exception {
		InstanceId id = InstanceId.random();
		ContainerSpec spec = spec(id, 21000);

		this.runtime.start(spec);
		this.readiness.await(spec.name(), 21000, this.shops.authority(id), Duration.ofSeconds(30));

		assertThat(get(21000, this.shops.authority(id))).as("the page, from the restored database")
			.contains(this.shops.authority(id));
		assertThat(this.runtime.status(spec.name()).running()).isTrue();
		var inspected = this.docker.inspectContainerCmd(spec.name()).exec();
		assertThat(inspected.getConfig().getLabels()).containsKey(ShopContainers.DEPLOYMENT_LABEL);
		assertThat(inspected.getHostConfig().getMemory()).isEqualTo(DataSize.ofMegabytes(64).toBytes());
		assertThat(inspected.getHostConfig().getPidsLimit()).isEqualTo(64);
		assertThat(inspected.getHostConfig().getPortBindings().getBindings().values())
			.allSatisfy((bindings) -> assertThat(bindings[0].getHostIp()).isEqualTo("127.0.0.1"));
		assertThat(placedFile(spec.name(), ShopDatabaseTls.CA_PATH))
			.isEqualTo("644 0:0 " + Files.readString(StandinShop.MARIADB_CA));
		assertThat(placedFile(spec.name(), ShopDatabaseTls.FOLDER + "/my.cnf")).startsWith("644 0:0 ")
			.contains("ssl-ca=" + ShopDatabaseTls.CA_PATH);

		this.runtime.remove(spec.name());

		assertThat(this.runtime.status(spec.name())).isEqualTo(ContainerStatus.GONE);
		this.runtime.remove(spec.name());
	}

	/**
	 * Least privilege as a shop's processes see it. NET_BIND_SERVICE is only in the
	 * bounding set, where it lets nginx (whose file carries it) be executed at all; under
	 * no-new-privileges the file capability is never granted, so no process holds any
	 * capability, nginx included, and all run as www-data. nginx binds port 80 without
	 * one because Docker lets any process of a container bind low ports.
	 */
	@Test
	void noProcessOfAShopHoldsACapability() throws Exception {
		InstanceId id = InstanceId.random();
		ContainerSpec spec = spec(id, 21008);
		this.runtime.start(spec);
		this.readiness.await(spec.name(), 21008, this.shops.authority(id), Duration.ofSeconds(30));

		String nginx = exec(spec.name(),
				"for p in $(pidof nginx); do grep -E '^(Uid|CapBnd|CapEff|CapPrm):' /proc/$p/status; done");
		assertThat(nginx.lines().filter((line) -> line.startsWith("CapBnd:")))
			.as("both nginx processes, NET_BIND_SERVICE (bit 10) only in the bounding set")
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).endsWith("\t0000000000000400"));
		assertThat(nginx.lines().filter((line) -> line.startsWith("CapEff:") || line.startsWith("CapPrm:"))).hasSize(4)
			.allSatisfy((line) -> assertThat(line).endsWith("\t0000000000000000"));
		assertThat(nginx.lines().filter((line) -> line.startsWith("Uid:"))).hasSize(2)
			.allSatisfy((line) -> assertThat(line).isEqualTo("Uid:\t1000\t1000\t1000\t1000"));
		assertThat(exec(spec.name(), "grep -h '^CapEff:' /proc/[0-9]*/status | sort -u"))
			.isEqualTo("CapEff:\t0000000000000000\n");
		assertThat(exec(spec.name(), "cat /proc/sys/net/ipv4/ip_unprivileged_port_start")).isEqualTo("0\n");
	}

	/**
	 * The control of the test above: without the CA, the shop's client refuses MariaDB's
	 * certificate and the dump is never restored.
	 */
	@Test
	void withoutTheCaTheDumpIsNotRestored() throws Exception {
		InstanceId id = InstanceId.random();
		ContainerSpec spec = withoutFiles(spec(id, 21005));

		this.runtime.start(spec);

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(
					() -> this.readiness.await(spec.name(), 21005, this.shops.authority(id), Duration.ofSeconds(30)))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(WarmupFailedException.Reason.EXITED);
				assertThat(ex.getMessage()).contains("exited with code 1");
			});
		assertThat(logs(spec.name())).contains("certificate");
	}

	@Test
	void aShopAnswersAnotherHostWithARedirectToItsOwn() throws Exception {
		InstanceId id = InstanceId.random();
		ContainerSpec spec = spec(id, 21001);
		this.runtime.start(spec);
		this.readiness.await(spec.name(), 21001, this.shops.authority(id), Duration.ofSeconds(30));

		int status = http().get()
			.uri("http://127.0.0.1:21001/")
			.header(HttpHeaders.HOST, "other.demo.localhost")
			.exchange((request, response) -> {
				assertThat(response.getHeaders().getLocation()).hasToString("http://" + this.shops.authority(id) + "/");
				return response.getStatusCode().value();
			});
		assertThat(status).isEqualTo(302);
	}

	@Test
	void aShopThatNeverAnswersTimesOut() {
		// The stand-in, like flashlight, waits for its database forever: this address
		// never answers.
		InstanceId id = InstanceId.random();
		ContainerSpec spec = withEnvironment(spec(id, 21002), Map.of("MYSQL_HOST", "192.0.2.1"));
		this.runtime.start(spec);

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await(spec.name(), 21002, this.shops.authority(id), Duration.ofSeconds(3)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(WarmupFailedException.Reason.TIMEOUT));
	}

	/**
	 * flashlight exits with 2 when PS_DOMAIN starts with "http" (which is why no instance
	 * id starts with "h"); the readiness loop reports the exit at once.
	 */
	@Test
	void aShopThatExitsFailsAtOnceWithItsExitCode() {
		InstanceId id = InstanceId.random();
		ContainerSpec spec = withEnvironment(spec(id, 21003), Map.of("PS_DOMAIN", "https.demo.localhost"));
		this.runtime.start(spec);

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(() -> this.readiness.await(spec.name(), 21003, "https.demo.localhost", Duration.ofSeconds(30)))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(WarmupFailedException.Reason.EXITED);
				assertThat(ex.getMessage()).contains("exited with code 2");
			});
	}

	/**
	 * Why CONTAINER_CAPABILITIES keeps NET_BIND_SERVICE: nginx carries it as a file
	 * capability, and the kernel will not run a program whose file capability is outside
	 * the bounding set. The first test is the control: with it, the shop serves.
	 */
	@Test
	void withoutNetBindServiceNginxCannotRun() {
		InstanceId id = InstanceId.random();
		ContainerSpec spec = spec(id, 21007);
		ContainerSpec.Confinement confinement = spec.confinement();
		ContainerSpec noCapability = new ContainerSpec(spec.name(), spec.image(), spec.environment(), spec.files(),
				spec.labels(), spec.network(), spec.bindAddress(), spec.hostPort(), spec.containerPort(),
				new ContainerSpec.Confinement(confinement.memoryBytes(), confinement.nanoCpus(),
						confinement.pidsLimit(), confinement.logMaxBytes(), List.of()));
		assertThat(spec.confinement().capabilities()).containsExactly("NET_BIND_SERVICE");

		this.runtime.start(noCapability);

		assertThatExceptionOfType(WarmupFailedException.class)
			.isThrownBy(
					() -> this.readiness.await(spec.name(), 21007, this.shops.authority(id), Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("exited with code 126"));
	}

	@Test
	void aMissingImageFailsToStartAndLeavesNothing() {
		ContainerSpec spec = spec(InstanceId.random(), 21004);
		ContainerSpec missing = new ContainerSpec(spec.name(), "demo-multiplexer/absent:none", spec.environment(),
				spec.files(), spec.labels(), spec.network(), spec.bindAddress(), spec.hostPort(), spec.containerPort(),
				spec.confinement());

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.runtime.start(missing));
		assertThat(this.runtime.status(spec.name())).isEqualTo(ContainerStatus.GONE);
	}

	/** The files go in between create and start; when they cannot, nothing is left. */
	@Test
	void aFileThatCannotBePlacedFailsTheStartAndLeavesNothing() {
		ContainerSpec spec = spec(InstanceId.random(), 21006);
		List<ContainerFile> files = new ArrayList<>(spec.files());
		// /run.sh is a file, so nothing can go under it.
		files.add(new ContainerFile("/run.sh/impossible", "x", 0644));
		ContainerSpec impossible = new ContainerSpec(spec.name(), spec.image(), spec.environment(), files,
				spec.labels(), spec.network(), spec.bindAddress(), spec.hostPort(), spec.containerPort(),
				spec.confinement());

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.runtime.start(impossible))
			.withMessageContaining("not a directory");
		assertThat(this.runtime.status(spec.name())).isEqualTo(ContainerStatus.GONE);
	}

	private ContainerSpec spec(InstanceId id, int hostPort) {
		ContainerSpec spec = this.shops.spec(id, hostPort);
		this.started.add(spec.name());
		return spec;
	}

	private static ContainerSpec withEnvironment(ContainerSpec spec, Map<String, String> changes) {
		Map<String, String> environment = new LinkedHashMap<>(spec.environment());
		environment.putAll(changes);
		return new ContainerSpec(spec.name(), spec.image(), environment, spec.files(), spec.labels(), spec.network(),
				spec.bindAddress(), spec.hostPort(), spec.containerPort(), spec.confinement());
	}

	private static ContainerSpec withoutFiles(ContainerSpec spec) {
		return new ContainerSpec(spec.name(), spec.image(), spec.environment(), List.of(), spec.labels(),
				spec.network(), spec.bindAddress(), spec.hostPort(), spec.containerPort(), spec.confinement());
	}

	/**
	 * "mode uid:gid content" of a file in a container, as Docker's archive API gives it.
	 */
	private String placedFile(String container, String path) throws IOException {
		try (InputStream archive = this.docker.copyArchiveFromContainerCmd(container, path).exec();
				TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
			TarArchiveEntry entry = tar.getNextEntry();
			return Integer.toOctalString(entry.getMode() & 0777) + " " + entry.getLongUserId() + ":"
					+ entry.getLongGroupId() + " " + new String(tar.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** The output of a shell command run in a container, as its user. */
	private static String exec(String container, String command) throws IOException, InterruptedException {
		return docker("exec", container, "sh", "-c", command);
	}

	private static String logs(String container) throws IOException, InterruptedException {
		return docker("logs", container);
	}

	/** The output (both streams) of a docker command that must succeed. */
	private static String docker(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	private static String get(int port, String host) {
		return http().get()
			.uri("http://127.0.0.1:" + port + "/")
			.header(HttpHeaders.HOST, host)
			.retrieve()
			.body(String.class);
	}

	private static RestClient http() {
		return TestHttp.client();
	}

}
