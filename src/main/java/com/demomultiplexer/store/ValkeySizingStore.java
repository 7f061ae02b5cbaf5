package com.demomultiplexer.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.lettuce.core.ScriptOutputType;

import com.demomultiplexer.config.PoolSizingProperties;
import com.demomultiplexer.sizing.ArrivalBuckets;
import com.demomultiplexer.sizing.ArrivalBuckets.Arrivals;
import com.demomultiplexer.sizing.Demand;
import com.demomultiplexer.sizing.PoolSizer.Decision;

import org.springframework.stereotype.Component;

/**
 * {@link SizingStore} in two Valkey hashes per deployment: the arrivals by bucket
 * ({@code {deployment}:arrivals}, written by acquire.lua) and the decision with the
 * typical warm-up time ({@code {deployment}:sizing}).
 */
@Component
class ValkeySizingStore implements SizingStore {

	private static final ValkeyScript ARRIVALS = ValkeyScript.load("arrivals");

	private static final String WARMUP_MILLIS = "warmupMillis";

	private static final String TARGET = "target";

	private final ValkeyCalls valkey;

	private final ValkeyKeys keys;

	private final ArrivalBuckets buckets;

	ValkeySizingStore(ValkeyCalls valkey, ValkeyKeys keys, PoolSizingProperties sizing) {
		this.valkey = valkey;
		this.keys = keys;
		this.buckets = sizing.buckets();
	}

	@Override
	public Arrivals arrivals() {
		List<String> reply = this.valkey.run(ARRIVALS, ScriptOutputType.MULTI, new String[] { this.keys.arrivals() },
				String.valueOf(this.buckets.kept().toSeconds()));
		Map<Long, Long> byBucket = new HashMap<>();
		for (int i = 1; i < reply.size(); i += 2) {
			byBucket.put(Long.parseLong(reply.get(i)), Long.parseLong(reply.get(i + 1)));
		}
		return new Arrivals(Long.parseLong(reply.get(0)), byBucket);
	}

	@Override
	public Optional<Duration> warmupTime() {
		return Optional.ofNullable(this.valkey.call((commands) -> commands.hget(this.keys.sizing(), WARMUP_MILLIS)))
			.map((millis) -> Duration.ofMillis(Long.parseLong(millis)));
	}

	@Override
	public void saveWarmupTime(Duration typical) {
		this.valkey
			.call((commands) -> commands.hset(this.keys.sizing(), WARMUP_MILLIS, String.valueOf(typical.toMillis())));
	}

	@Override
	public OptionalInt target() {
		String target = this.valkey.call((commands) -> commands.hget(this.keys.sizing(), TARGET));
		return (target != null) ? OptionalInt.of(Integer.parseInt(target)) : OptionalInt.empty();
	}

	@Override
	public Optional<Decision> decision() {
		Map<String, String> fields = this.valkey.call((commands) -> commands.hgetall(this.keys.sizing()));
		if (!fields.containsKey(TARGET)) {
			return Optional.empty();
		}
		Demand demand = new Demand(Long.parseLong(fields.get("shortWindowArrivals")),
				Duration.ofSeconds(Long.parseLong(fields.get("shortWindowSeconds"))),
				Long.parseLong(fields.get("longWindowArrivals")),
				Duration.ofSeconds(Long.parseLong(fields.get("longWindowSeconds"))));
		return Optional.of(new Decision(Integer.parseInt(fields.get(TARGET)), Integer.parseInt(fields.get("wanted")),
				demand, Duration.ofMillis(Long.parseLong(fields.get("refillMillis"))),
				Double.parseDouble(fields.get("emptyRisk"))));
	}

	@Override
	public void save(Decision decision) {
		Map<String, String> fields = Map.of(TARGET, String.valueOf(decision.target()), "wanted",
				String.valueOf(decision.wanted()), "shortWindowArrivals",
				String.valueOf(decision.demand().shortWindowArrivals()), "shortWindowSeconds",
				String.valueOf(decision.demand().shortWindow().toSeconds()), "longWindowArrivals",
				String.valueOf(decision.demand().longWindowArrivals()), "longWindowSeconds",
				String.valueOf(decision.demand().longWindow().toSeconds()), "refillMillis",
				String.valueOf(decision.refillTime().toMillis()), "emptyRisk", String.valueOf(decision.emptyRisk()));
		this.valkey.call((commands) -> commands.hset(this.keys.sizing(), fields));
	}

}
