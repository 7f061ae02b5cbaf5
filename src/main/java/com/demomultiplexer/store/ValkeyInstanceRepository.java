package com.demomultiplexer.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.config.PoolSizingProperties;
import com.demomultiplexer.domain.BackOfficeLogin;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.domain.InstanceState;
import com.demomultiplexer.domain.PoolCounts;
import com.demomultiplexer.sizing.ArrivalBuckets;
import com.demomultiplexer.system.Sha256;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The pool in Valkey: a list of ready ids, sorted sets of warming, assigned (scored by
 * expiry) and ending ids, one hash holding every shop's record as JSON, the set of free
 * host ports, and each client's acquires and live shops. Every script declares in KEYS
 * each key it touches (the scripts' headers say how). One shared Lettuce connection: it
 * is thread-safe and pipelines concurrent callers.
 * <p>
 * A plain component, not a {@code @Repository}: that would wrap every call (acquire
 * included) in a proxy translating JDBC exceptions, and Lettuce throws none.
 */
@Component
class ValkeyInstanceRepository implements InstanceRepository {

	private static final ValkeyScript RESERVE = ValkeyScript.load("reserve");

	private static final ValkeyScript MARK_READY = ValkeyScript.load("mark-ready");

	private static final ValkeyScript ACQUIRE = ValkeyScript.load("acquire");

	private static final ValkeyScript EXTEND = ValkeyScript.load("extend");

	private static final ValkeyScript END = ValkeyScript.load("end");

	private static final ValkeyScript FORGET = ValkeyScript.load("forget");

	private static final ValkeyScript COUNTS = ValkeyScript.load("counts");

	private static final ValkeyScript PORTS = ValkeyScript.load("ports");

	/** What the leader-only scripts answer to a token that is not the leader's. */
	private static final String FENCED = "fenced";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<Map<String, String>> RECORD = new TypeReference<>() {
	};

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	/** The transition scripts' outbox bound, as they take it ("0": events are off). */
	private final String outboxBound;

	/**
	 * Seconds per arrivals bucket, as acquire.lua takes it ("0": arrivals not counted).
	 */
	private final String arrivalsBucket;

	/** How long acquire.lua keeps the arrivals hash, in seconds. */
	private final String arrivalsKept;

	ValkeyInstanceRepository(ValkeyCalls valkey, ValkeyKeys keys, EventsProperties events,
			PoolSizingProperties sizing) {
		this.valkey = valkey;
		this.keys = keys;
		this.outboxBound = String.valueOf(events.outboxBound());
		this.arrivalsBucket = sizing.adaptive() ? String.valueOf(ArrivalBuckets.WIDTH) : "0";
		this.arrivalsKept = String.valueOf(sizing.buckets().kept().toSeconds());
	}

	@Override
	public void seedPorts(int first, int last) {
		ports(first, last);
	}

	@Override
	public Optional<Integer> reserve(InstanceId id, Instant now, BackOfficeLogin backOffice, Fence fence) {
		String port = this.valkey.run(RESERVE, ScriptOutputType.VALUE,
				keys(this.keys.freePorts(), this.keys.warming(), this.keys.instances(), this.keys.leader(),
						this.keys.outbox()),
				id.value(), millis(now), backOffice.email(), backOffice.password(), fence.token(), this.outboxBound);
		if (FENCED.equals(port)) {
			throw new FencedException();
		}
		return Optional.ofNullable(port).map(Integer::valueOf);
	}

	@Override
	public boolean markReady(InstanceId id, Instant now, Fence fence) {
		Long marked = this.valkey.run(MARK_READY, ScriptOutputType.INTEGER,
				keys(this.keys.warming(), this.keys.ready(), this.keys.instances(), this.keys.leader(),
						this.keys.outbox()),
				id.value(), millis(now), this.keys.events(), fence.token(), this.outboxBound);
		if (marked == -1) {
			throw new FencedException();
		}
		return marked == 1;
	}

	@Override
	public AcquireResult acquire(AcquireRequest request) {
		AcquireRequest.ClientLimits limits = request.limits();
		List<Object> reply = this.valkey.run(ACQUIRE, ScriptOutputType.MULTI,
				keys(this.keys.ready(), this.keys.assigned(), this.keys.clientAcquires(request.client()),
						this.keys.clientLive(request.client()), this.keys.warming(), this.keys.instances(),
						this.keys.outbox(), this.keys.arrivals()),
				millis(request.now()), millis(request.expiresAt()), request.tokenHash(), request.client(),
				String.valueOf(limits.hourly()), String.valueOf(limits.daily()), String.valueOf(limits.live()),
				this.outboxBound, clientHash(request.client()), request.arrival() ? this.arrivalsBucket : "0",
				this.arrivalsKept);
		return switch ((String) reply.get(0)) {
			case "ok" -> new AcquireResult.Granted(record((String) reply.get(4)), usage(reply, 1));
			case "limited" -> new AcquireResult.Limited(
					AcquireResult.ClientLimit.valueOf(((String) reply.get(1)).toUpperCase(Locale.ROOT)),
					Duration.ofMillis(number(reply.get(2))), usage(reply, 3));
			default -> new AcquireResult.Empty(usage(reply, 1),
					Optional.ofNullable((String) reply.get(4)).map(ValkeyInstanceRepository::instant));
		};
	}

	@Override
	public ExtendResult extend(InstanceId id, Duration extension, Duration maxLifetime, int maxExtensions,
			Instant now) {
		List<Object> reply = runNamingTheClient(EXTEND,
				List.of(this.keys.assigned(), this.keys.instances(), this.keys.outbox()),
				List.of(id.value(), String.valueOf(extension.toMillis()), String.valueOf(maxLifetime.toMillis()),
						String.valueOf(maxExtensions), millis(now), this.keys.events(), this.outboxBound));
		return switch ((String) reply.get(0)) {
			case "ok" -> new ExtendResult.Extended(record((String) reply.get(1)));
			case "no-extensions-left" -> new ExtendResult.NoExtensionsLeft(instant(number(reply.get(1))));
			case "over-cap" -> new ExtendResult.OverCap(instant(number(reply.get(1))), instant(number(reply.get(2))));
			default -> new ExtendResult.Ended((String) reply.get(1));
		};
	}

	@Override
	public Optional<Instance> find(InstanceId id) {
		return Optional.ofNullable(this.valkey.call((commands) -> commands.hget(this.keys.instances(), id.value())))
			.map(ValkeyInstanceRepository::record);
	}

	@Override
	public Optional<Instance> end(InstanceId id, InstanceState current, InstanceState ending, Instant now,
			Fence fence) {
		List<Object> reply = runNamingTheClient(END,
				List.of(this.keys.ready(), this.keys.warming(), this.keys.assigned(), this.keys.ending(),
						this.keys.instances(), this.keys.leader(), this.keys.outbox()),
				List.of(id.value(), ending.key(), millis(now), (current != null) ? current.key() : "",
						this.keys.events(), fence.token(), this.outboxBound));
		if (!reply.isEmpty() && reply.get(0).equals(FENCED)) {
			throw new FencedException();
		}
		return reply.isEmpty() ? Optional.empty() : Optional.of(record((String) reply.get(1)));
	}

	@Override
	public void forget(InstanceId id) {
		this.valkey.run(FORGET, ScriptOutputType.INTEGER,
				keys(this.keys.ending(), this.keys.freePorts(), this.keys.instances()), id.value());
	}

	@Override
	public List<InstanceId> assignedExpiredBy(Instant now) {
		return idsScoredUpTo(this.keys.assigned(), now);
	}

	@Override
	public List<InstanceId> warmingSince(Instant cutoff) {
		return idsScoredUpTo(this.keys.warming(), cutoff);
	}

	@Override
	public List<InstanceId> endingSince(Instant cutoff) {
		return idsScoredUpTo(this.keys.ending(), cutoff);
	}

	@Override
	public PoolCounts counts() {
		List<Long> counts = this.valkey.run(COUNTS, ScriptOutputType.MULTI,
				keys(this.keys.ready(), this.keys.warming(), this.keys.assigned(), this.keys.ending()));
		return new PoolCounts(counts.get(0), counts.get(1), counts.get(2), counts.get(3));
	}

	@Override
	public List<Instance> records() {
		return this.valkey.call((commands) -> commands.hvals(this.keys.instances()))
			.stream()
			.map(ValkeyInstanceRepository::record)
			.sorted(Comparator.comparing(Instance::createdAt))
			.toList();
	}

	@Override
	public long reclaimPorts(int first, int last) {
		List<Long> result = ports(first, last);
		// A rebuilt set was seeded, not repaired: nothing was lost.
		return (result.get(0) == 1) ? 0 : result.get(1);
	}

	private List<Long> ports(int first, int last) {
		return this.valkey.run(PORTS, ScriptOutputType.MULTI,
				keys(this.keys.freePorts(), this.keys.seededPortRange(), this.keys.instances()), String.valueOf(first),
				String.valueOf(last));
	}

	/**
	 * Runs end.lua or extend.lua, which need the shop's client's live set declared: first
	 * naming no client, then, when the script answers with the record's client, once more
	 * naming that one. The expected client goes last in ARGV, its live set last in KEYS.
	 */
	private List<Object> runNamingTheClient(ValkeyScript script, List<String> keys, List<String> args) {
		List<Object> reply = runNaming("", script, keys, args);
		if (!reply.isEmpty() && reply.get(0).equals("client")) {
			String client = (String) reply.get(1);
			reply = runNaming(client, script, keys, args);
			// A record's client never changes once set, so this call named the right one.
			Assert.state(reply.isEmpty() || !reply.get(0).equals("client"), "the record's client changed");
		}
		return reply;
	}

	private List<Object> runNaming(String client, ValkeyScript script, List<String> keys, List<String> args) {
		List<String> allKeys = new ArrayList<>(keys);
		if (!client.isEmpty()) {
			allKeys.add(this.keys.clientLive(client));
		}
		List<String> allArgs = new ArrayList<>(args);
		allArgs.add(client);
		return this.valkey.run(script, ScriptOutputType.MULTI, allKeys.toArray(String[]::new),
				allArgs.toArray(String[]::new));
	}

	private List<InstanceId> idsScoredUpTo(String key, Instant upTo) {
		return this.valkey
			.call((commands) -> commands.zrangebyscore(key,
					Range.create(Double.NEGATIVE_INFINITY, (double) upTo.toEpochMilli())))
			.stream()
			.map(InstanceId::new)
			.toList();
	}

	/**
	 * The client key's SHA-256, which the assigned event carries instead of the key (an
	 * address): consumers can tell one client's demos apart, and no event carries the
	 * address itself (the hash is a pseudonym, see README, "Events"). Not computed when
	 * events are off, to keep acquire's work as it was.
	 */
	private String clientHash(String client) {
		return this.outboxBound.equals("0") ? "" : Sha256.hex(client);
	}

	private static String[] keys(String... keys) {
		return keys;
	}

	private static String millis(Instant instant) {
		return String.valueOf(instant.toEpochMilli());
	}

	/** A record as the scripts store it: a JSON object whose values are all strings. */
	private static Instance record(String json) {
		Map<String, String> fields = JSON.readValue(json, RECORD);
		Instance.Owner owner = fields.containsKey("client")
				? new Instance.Owner(fields.get("client"), fields.get("tokenHash")) : null;
		return new Instance(new InstanceId(fields.get("id")), InstanceState.fromKey(fields.get("state")),
				Integer.parseInt(fields.get("port")), instant(fields.get("createdAt")), instant(fields.get("readyAt")),
				instant(fields.get("assignedAt")), instant(fields.get("expiresAt")),
				Integer.parseInt(fields.getOrDefault("extensions", "0")), owner,
				new BackOfficeLogin(fields.get("adminEmail"), fields.get("adminPassword")));
	}

	private static AcquireResult.ClientUsage usage(List<Object> reply, int from) {
		return new AcquireResult.ClientUsage(number(reply.get(from)), number(reply.get(from + 1)),
				number(reply.get(from + 2)));
	}

	/** Lua numbers arrive as integers, Lua strings as strings. */
	private static long number(Object scriptValue) {
		return (scriptValue instanceof Long value) ? value : Long.parseLong((String) scriptValue);
	}

	private static Instant instant(String millis) {
		return (millis != null) ? instant(Long.parseLong(millis)) : null;
	}

	private static Instant instant(long millis) {
		return Instant.ofEpochMilli(millis);
	}

}
