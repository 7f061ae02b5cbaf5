package com.demomultiplexer.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.support.ValkeyProcess;
import com.demomultiplexer.support.Settings;
import com.demomultiplexer.system.DependencyCalls;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every script touches only keys it declares in KEYS, as Valkey's scripting rules require
 * and proxies and clusters rely on (they route a script by its KEYS). Every repository
 * operation that runs a script, down each branch that reaches other keys, runs against a
 * Valkey of the test's own while MONITOR records the commands run inside the scripts;
 * Valkey itself (COMMAND GETKEYS) says which of their arguments are keys.
 */
class ValkeyScriptKeysIT {

	private static final BackOfficeLogin LOGIN = new BackOfficeLogin("demo@demo.localhost", "Pw4BackOffice");

	/** A line of MONITOR: time, [database client] and the quoted arguments. */
	private static final Pattern MONITORED = Pattern.compile("\\+[0-9.]+ \\[\\d+ ([^\\]]+)\\] (.*)");

	private static final String DONE = "monitored-until-here";

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final ValkeyKeys keys = ValkeyKeys.forDeployment("keys");

	private ValkeyProcess valkey;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private ValkeyInstanceRepository repository;

	/** The scripts by their SHA-1, as Valkey names them. */
	private final Map<String, String> scripts = new HashMap<>();

	private Fence fence;

	@BeforeEach
	void start() throws Exception {
		this.valkey = ValkeyProcess.start();
		this.client = RedisClient.create(this.valkey.uri());
		this.connection = this.client.connect();
		this.repository = new ValkeyInstanceRepository(
				new ValkeyCalls(this.connection, new DependencyCalls(new SimpleMeterRegistry())), this.keys,
				// Events on, so that the scripts also append to the outbox.
				Settings.events("nats://127.0.0.1:4222"), Settings.adaptiveSizing());
		this.fence = ValkeyInstanceRepositoryIT.leaderFence(this.connection, this.keys);
		for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:valkey/*.lua")) {
			String sha = this.connection.sync().scriptLoad(script.getContentAsString(StandardCharsets.UTF_8));
			this.scripts.put(sha, script.getFilename().replace(".lua", ""));
		}
	}

	@AfterEach
	void stop() throws Exception {
		this.connection.close();
		this.client.shutdown();
		this.valkey.stop();
	}

	@Test
	void everyKeyAScriptTouchesIsDeclaredInKeys() throws Exception {
		List<String> monitored;
		try (Socket monitor = new Socket(InetAddress.getLoopbackAddress(), port())) {
			BufferedReader lines = startMonitoring(monitor);
			runEveryScript();
			this.connection.sync().echo(DONE);
			monitored = readUntilDone(lines);
		}

		Map<String, Set<String>> touched = new TreeMap<>();
		Map<String, Set<String>> undeclared = new TreeMap<>();
		Set<String> declared = Set.of();
		String script = null;
		for (String line : monitored) {
			Matcher matcher = MONITORED.matcher(line);
			if (!matcher.matches()) {
				continue;
			}
			List<String> command = arguments(matcher.group(2));
			if (!matcher.group(1).equals("lua")) {
				// A command of ours: the script it runs and the keys it declares, if any.
				boolean runsScript = command.get(0).equalsIgnoreCase("EVALSHA")
						|| command.get(0).equalsIgnoreCase("EVAL");
				script = runsScript ? this.scripts.getOrDefault(command.get(1), command.get(0)) : command.get(0);
				declared = runsScript ? new HashSet<>(command.subList(3, 3 + Integer.parseInt(command.get(2))))
						: Set.of();
				continue;
			}
			for (String key : keysOf(command)) {
				touched.computeIfAbsent(script, (name) -> new TreeSet<>()).add(key);
				if (!declared.contains(key)) {
					undeclared.computeIfAbsent(script, (name) -> new TreeSet<>()).add(command.get(0) + " " + key);
				}
			}
		}

		assertThat(touched.keySet()).as("scripts seen touching keys").containsAll(this.scripts.values());
		assertThat(undeclared).as("keys touched but not declared, by script").isEmpty();
	}

	/** Every script, down each branch that touches keys the others do not. */
	private void runEveryScript() {
		ValkeyCalls calls = new ValkeyCalls(this.connection, new DependencyCalls(new SimpleMeterRegistry()));
		ValkeyLeaseStore leases = new ValkeyLeaseStore(calls, this.keys);
		assertThat(leases.claim("other", "", Duration.ofHours(1)).leader()).isFalse();
		assertThat(leases.claim("test", this.fence.token(), Duration.ofHours(1)).leader()).isTrue();
		ValkeyReplicaDirectory replicas = new ValkeyReplicaDirectory(calls, this.keys);
		assertThat(replicas.beat("other", "127.0.0.1:1", Duration.ofMinutes(1))).hasSize(1);
		assertThat(replicas.leave("other", Duration.ofMinutes(1))).isEmpty();
		this.repository.seedPorts(30000, 30009);
		InstanceId warming = reserve();
		for (int i = 0; i < 3; i++) {
			warmToReady();
		}
		AcquireRequest.ClientLimits oneLive = new AcquireRequest.ClientLimits(10, 10, 1);
		InstanceId assigned = ((AcquireResult.Granted) acquire("c", oneLive)).instance().id();
		// With shops of every live state on record, whose ports it must find.
		this.repository.reclaimPorts(30000, 30009);
		InstanceId ready = this.repository.records()
			.stream()
			.filter((instance) -> instance.state() == InstanceState.READY)
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(acquire("c", oneLive)).isInstanceOf(AcquireResult.Limited.class);
		assertThat(acquire("c", new AcquireRequest.ClientLimits(1, 10, 10))).isInstanceOf(AcquireResult.Limited.class);
		assertThat(this.repository.extend(assigned, Duration.ofMinutes(5), Duration.ofHours(2), 3, this.now))
			.isInstanceOf(ExtendResult.Extended.class);
		assertThat(this.repository.end(warming, InstanceState.WARMING, InstanceState.FAILED, this.now, this.fence))
			.isPresent();
		assertThat(this.repository.markReady(warming, this.now, this.fence)).isFalse();
		assertThat(this.repository.end(ready, null, InstanceState.RELEASED, this.now, Fence.NONE)).isPresent();
		assertThat(this.repository.end(assigned, InstanceState.ASSIGNED, InstanceState.RELEASED, this.now, Fence.NONE))
			.isPresent();
		this.repository.forget(assigned);
		assertThat(acquire("e", new AcquireRequest.ClientLimits(10, 10, 10))).isInstanceOf(AcquireResult.Granted.class);
		assertThat(acquire("e", new AcquireRequest.ClientLimits(10, 10, 10))).isInstanceOf(AcquireResult.Empty.class);
		this.repository.counts();
		new ValkeySizingStore(calls, this.keys, Settings.adaptiveSizing()).arrivals();
		ValkeyOutboxStore outbox = new ValkeyOutboxStore(calls, this.keys, Settings.events("nats://127.0.0.1:4222"));
		outbox.published("nats", outbox.unpublished("nats", 1).getFirst());
		assertThat(outbox.counts().backlog("nats").pending()).isPositive();
		leases.resign(this.fence.token());
		DeploymentRegistry registry = new DeploymentRegistry(calls);
		DeploymentRegistry.Claim claim = new DeploymentRegistry.Claim(30000, 30009, "shop_keys_", "keys");
		registry.claim("keys", claim, Duration.ofMillis(1));
		// A lapsed claim removed, then a clash.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> registry.claim("other", claim, Duration.ofMinutes(1)).isEmpty());
		assertThat(registry.claim("keys", claim, Duration.ofMinutes(1))).isPresent();
	}

	private AcquireResult acquire(String client, AcquireRequest.ClientLimits limits) {
		return this.repository
			.acquire(new AcquireRequest(client, "hash", this.now, this.now.plus(Duration.ofMinutes(30)), limits, true));
	}

	private InstanceId reserve() {
		InstanceId id = InstanceId.random();
		this.repository.reserve(id, this.now, LOGIN, this.fence).orElseThrow();
		return id;
	}

	private InstanceId warmToReady() {
		InstanceId id = reserve();
		assertThat(this.repository.markReady(id, this.now, this.fence)).isTrue();
		return id;
	}

	/** The arguments of a command that are keys, as Valkey itself finds them. */
	private List<String> keysOf(List<String> command) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("GETKEYS");
		command.forEach(args::add);
		try {
			return this.connection.sync().dispatch(CommandType.COMMAND, new ValueListOutput<>(StringCodec.UTF8), args);
		}
		catch (RedisException ex) {
			// "The command has no key arguments": PUBLISH names a channel.
			return List.of();
		}
	}

	private int port() {
		return Integer.parseInt(this.valkey.address().substring(this.valkey.address().lastIndexOf(':') + 1));
	}

	private static BufferedReader startMonitoring(Socket monitor) throws IOException {
		OutputStream out = monitor.getOutputStream();
		out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
		BufferedReader lines = new BufferedReader(
				new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
		assertThat(lines.readLine()).isEqualTo("+OK");
		return lines;
	}

	private static List<String> readUntilDone(BufferedReader lines) throws IOException {
		List<String> read = new ArrayList<>();
		String line;
		while ((line = lines.readLine()) != null && !line.endsWith("\"" + DONE + "\"")) {
			read.add(line);
		}
		return read;
	}

	/** MONITOR's quoted arguments, with its escapes undone. */
	private static List<String> arguments(String quoted) {
		List<String> arguments = new ArrayList<>();
		StringBuilder current = null;
		for (int i = 0; i < quoted.length(); i++) {
			char c = quoted.charAt(i);
			if (current == null) {
				if (c == '"') {
					current = new StringBuilder();
				}
			}
			else if (c == '\\') {
				char escaped = quoted.charAt(++i);
				if (escaped == 'x') {
					current.append((char) Integer.parseInt(quoted.substring(i + 1, i + 3), 16));
					i += 2;
				}
				else {
					current.append(switch (escaped) {
						case 'n' -> '\n';
						case 'r' -> '\r';
						case 't' -> '\t';
						default -> escaped;
					});
				}
			}
			else if (c == '"') {
				arguments.add(current.toString());
				current = null;
			}
			else {
				current.append(c);
			}
		}
		return arguments;
	}

}
