package com.demomultiplexer.sizing;

import java.time.Duration;
import java.util.List;

import com.demomultiplexer.sizing.PoolSimulation.Phase;
import com.demomultiplexer.sizing.PoolSimulation.Trace;
import com.demomultiplexer.sizing.PoolSimulation.WarmupModel;

/**
 * The traces and settings adaptive sizing is judged on, by {@link SizingSimulationTest}
 * and by {@code make bench PARTS=sizing}: half an arrival a minute by day, a campaign
 * that multiplies it by twenty within a minute, a night at one every fifty minutes;
 * warm-ups of about 30 s (log-normal, as a flashlight shop's dump restore and first
 * request take), eight at once; a 1% risk, 2 to 40 shops (POOL_MIN_SIZE=2: what the first
 * prospect after a quiet night finds), 2 fewer a minute at most.
 */
public final class SizingScenarios {

	public static final WarmupModel WARMUPS = new WarmupModel(Duration.ofSeconds(30), 0.3);

	public static final SizingRules RULES = new SizingRules(0.01, 2, 40, 2, Duration.ofSeconds(1));

	public static final ArrivalBuckets BUCKETS = new ArrivalBuckets(Duration.ofMinutes(1), Duration.ofMinutes(15));

	public static final Duration WARMUP_TIMEOUT = Duration.ofMinutes(2);

	public static final int CONCURRENCY = 8;

	private SizingScenarios() {
	}

	public static List<Trace> traces() {
		Duration hour = Duration.ofHours(1);
		return List.of(Trace.of("steady day", 1, new Phase(hour.multipliedBy(12), 0.5)),
				Trace.of("campaign spike", 2, new Phase(hour.multipliedBy(2), 0.5),
						new Phase(Duration.ofMinutes(30), 10), new Phase(hour.multipliedBy(2), 0.5)),
				Trace.of("night lull", 3, new Phase(hour.multipliedBy(2), 0.5), new Phase(hour.multipliedBy(8), 0.02),
						new Phase(hour.multipliedBy(2), 0.5)));
	}

}
