package com.demomultiplexer.isolation;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Ulimit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.support.ContainerEngine;
import com.demomultiplexer.support.ApiClient;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.HostAddresses;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What a prospect with a shell inside their shop can reach (the stand-in image has
 * busybox tools, as any PHP code run through the back office would have): MariaDB, and
 * nothing of Valkey, Caddy's admin API, the service's ports or the other shops; and what
 * it can take: no more memory or processes than its limits.
 */
@EndToEndTest
@Tag(ContainerEngine.TAG)
@TestPropertySource(properties = { "POOL_TARGET_SIZE=2", "POOL_MAX_SIZE=2", "CONTAINER_PIDS_LIMIT=48" })
class ShopIsolationIT {

	private static final Deployment deployment = new Deployment(25000);

	/**
	 * MYSQL_HOST: on Docker the shops' network's gateway; Podman's shops, each on a
	 * network of its own, reach it through their own gateway.
	 */
	private static final String MARIADB = "172.30.0.1";

	/** Some output from the other end, and nc exiting normally. */
	private static final Pattern ANSWERED = Pattern.compile("(?s)(?!nc: ).+\\[nc exit 0]\\n\\[exit 0]");

	/** busybox nc's own words for a refused or timed-out connection. */
	private static final Pattern UNREACHABLE = Pattern.compile(
			"nc: (can't connect to remote host \\(.+\\): Connection refused|timed out)\\n\\[nc exit 1]\\n\\[exit 0]");

	private String shopA;

	private String shopB;

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	@BeforeEach
	void twoShops() {
		ApiClient api = new ApiClient(deployment.servicePort());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 2);
		List<String> shops = List.copyOf(deployment.records().keySet());
		this.shopA = shops.get(0);
		this.shopB = shops.get(1);
	}

	@Test
	void fromInsideAShopOnlyMariaDbAnswers() throws Exception {
		// The controls: the probe does reach what a shop must reach.
		assertThat(reach(MARIADB, 3306, "")).as("MariaDB, its only way out").isEqualTo(Reach.ANSWERED);
		assertThat(reach(network(this.shopA).getIpAddress(), 80, http()))
			.as("its own port 80, at its address on the network")
			.isEqualTo(Reach.ANSWERED);

		// On Docker MariaDB's address is the shop's gateway.
		for (String host : Stream.of(MARIADB, network(this.shopA).getGateway(), HostAddresses.mainIpv4())
			.distinct()
			.toList()) {
			assertThat(reach(host, 6379, "PING\\r\\n")).as("Valkey at " + host).isEqualTo(Reach.UNREACHABLE);
			assertThat(reach(host, 2019, http())).as("Caddy's admin API at " + host).isEqualTo(Reach.UNREACHABLE);
			assertThat(reach(host, deployment.managementPort(), http())).as("the management port at " + host)
				.isEqualTo(Reach.UNREACHABLE);
			assertThat(reach(host, deployment.servicePort(), http())).as("the service's own port at " + host)
				.isEqualTo(Reach.UNREACHABLE);
		}
		assertThat(reach(network(this.shopB).getIpAddress(), 80, http())).as("another shop")
			.isEqualTo(Reach.UNREACHABLE);
	}

	@Test
	void aForkBombAndAMemoryHogStayWithinTheirLimits() throws Exception {
		// Shop B is the attacker, so that shop A, which the other tests work from, never
		// waits for the fork bomb's processes to end.
		// One process takes the memory: with a pipe, the writer could make the kernel
		// pick a second victim before the first one's memory is freed (seen on Podman).
		assertThat(deployment.exec(this.shopB, "dd if=/dev/zero of=/dev/null bs=10M count=1; echo \"hog exit $?\""))
			.as("within its memory limit, the same command runs to its end")
			.contains("hog exit 0");
		assertThat(deployment.exec(this.shopB, "dd if=/dev/zero of=/dev/null bs=300M count=1; echo \"hog exit $?\""))
			.as("past it, the hog is killed (SIGKILL) and the shell that ran it is not")
			.contains("hog exit 137");
		String forkBomb = deployment.exec(this.shopB, "for i in $(seq 200); do sleep 20 & done; echo forked");
		assertThat(forkBomb).contains("can't fork").doesNotContain("forked");

		assertThat(deployment.getThroughCaddy(this.shopA + ".demo.localhost").status())
			.as("the other shop keeps serving")
			.isEqualTo(200);
		assertThat(new ApiClient(deployment.servicePort()).get("/health").status()).as("and so does the host")
			.isEqualTo(200);
	}

	@Test
	void dockerInspectShowsTheHardening() throws Exception {
		InspectContainerResponse shop = deployment.inspect(this.shopA);
		var host = shop.getHostConfig();

		assertThat(host.getPrivileged()).isFalse();
		if (!ContainerEngine.current().isPodman()) {
			// Podman reports capabilities as the difference to its own default set;
			// the kernel's view below is the check on both engines.
			assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
			// What flashlight's nginx needs to be executed at all (its file carries this
			// capability), and nothing more.
			assertThat(host.getCapAdd()).containsExactly(Capability.NET_BIND_SERVICE);
		}
		assertThat(host.getSecurityOpts())
			.contains(ContainerEngine.current().isPodman() ? "no-new-privileges" : "no-new-privileges:true");
		assertThat(shop.getMounts()).isEmpty();
		assertThat(host.getBinds()).isNullOrEmpty();
		assertThat(shop.getNetworkSettings().getNetworks().keySet())
			.as("Docker's shops share a network, Podman's each have their own")
			.containsExactly(ContainerEngine.current().isPodman() ? deployment.name() + "-" + this.shopA
					: "demo-multiplexer-shops");
		assertThat(host.getMemory()).isEqualTo(64L << 20);
		assertThat(host.getMemorySwap()).as("no swap beyond the memory limit").isEqualTo(64L << 20);
		assertThat(host.getPidsLimit()).isEqualTo(48);
		assertThat(host.getNanoCPUs()).isPositive();
		if (ContainerEngine.current().isPodman()) {
			// Podman's compatible inspect leaves the log options out, and conmon keeps no
			// rotated files: it starts the log afresh at the size. Its own inspect shows
			// the size.
			assertThat(deployment.engineInspect(this.shopA, "{{.HostConfig.LogConfig.Size}}")).isEqualTo("10.49MB");
			assertThat(host.getUlimits()).extracting(Ulimit::getName, Ulimit::getSoftLong, Ulimit::getHardLong)
				.containsExactlyInAnyOrder(tuple("RLIMIT_NOFILE", 4096L, 4096L), tuple("RLIMIT_NPROC", 4096L, 4096L));
		}
		else {
			assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", String.valueOf(10L << 20))
				.containsEntry("max-file", "2");
		}
		assertThat(host.getRestartPolicy().getName()).isIn("no", "");
		assertThat(host.getPortBindings().getBindings().values())
			.allSatisfy((bindings) -> assertThat(bindings[0].getHostIp()).isEqualTo("127.0.0.1"));
	}

	@Test
	void theKernelHoldsTheShopToOneCapabilityItNeverGets() throws Exception {
		String status = deployment.exec(this.shopA,
				"grep -E '^(CapBnd|CapEff|NoNewPrivs)' /proc/1/status; cat /proc/sys/net/ipv4/ip_unprivileged_port_start");

		// Bit 10 is NET_BIND_SERVICE: in the bounding set so that nginx's file can be
		// executed, where no-new-privileges keeps its file capability from being
		// granted. Podman also makes the capabilities it is asked to keep ambient ones
		// of a non-root user, so there the shop's own processes hold that one (nginx,
		// whose file has capabilities, loses it at exec).
		assertThat(status).contains("CapBnd:\t0000000000000400")
			.contains("CapEff:\t" + (ContainerEngine.current().isPodman() ? "0000000000000400" : "0000000000000000"))
			.contains("NoNewPrivs:\t1")
			// So nginx binds port 80 all the same: Docker's default, set explicitly on
			// Podman.
			.endsWith("\n0\n[exit 0]");
	}

	/** What became of a connection from shop A, as busybox nc reports it. */
	private enum Reach {

		/** Something answered what the shop sent. */
		ANSWERED,
		/** The connection was refused or timed out. */
		UNREACHABLE

	}

	/**
	 * Sends {@code send} from shop A to host:port with busybox nc (which has no -z).
	 * Anything but an answer or a refused or timed-out connection fails the test: nc
	 * missing, docker exec failing, or a connection that opens and stays silent prove
	 * neither. busybox nc quits as soon as its input ends, before a server that takes a
	 * few milliseconds (nginx handing a request to a CGI script) can answer; with -i 1 it
	 * waits a second after each line it sends, which gives the answer that second.
	 */
	private Reach reach(String host, int port, String send) throws Exception {
		String output = deployment.exec(this.shopA,
				"printf '" + send + "' | timeout 8 nc -i 1 -w 2 " + host + " " + port + " 2>&1; echo \"[nc exit $?]\"");
		if (ANSWERED.matcher(output).matches()) {
			return Reach.ANSWERED;
		}
		if (UNREACHABLE.matcher(output).matches()) {
			return Reach.UNREACHABLE;
		}
		throw new AssertionError("Probing " + host + ":" + port + " from a shop proved nothing: " + output);
	}

	/** The shop's place on its network: its address and its gateway. */
	private static ContainerNetwork network(String shop) {
		return deployment.inspect(shop).getNetworkSettings().getNetworks().values().iterator().next();
	}

	private static String http() {
		return "GET / HTTP/1.0\\r\\n\\r\\n";
	}

}
