package com.demomultiplexer.sizing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Replays an arrival trace, second by second, through a pool refilled the way the
 * replenisher does it (a round a second, at most a given number of warm-ups at once, each
 * lasting a warm-up time drawn from a model) and sized either by a fixed target or by the
 * real adaptive sizing code ({@link PoolSizer} fed by {@link ArrivalBuckets} and
 * {@link WarmupTime}, as the service feeds it). Counts the arrivals that found the pool
 * empty and the hours ready shops sat waiting.
 */
public final class PoolSimulation {

	/** A stretch of a trace during which prospects arrive at a constant rate. */
	public record Phase(Duration length, double perMinute) {
	}

	/**
	 * Arrival times, in seconds from the trace's start, of a Poisson process whose rate
	 * follows the phases; the same seed gives the same trace.
	 */
	public record Trace(String name, double[] arrivals, long seconds) {

		public static Trace of(String name, long seed, Phase... phases) {
			Random random = new Random(seed);
			List<Double> arrivals = new ArrayList<>();
			double start = 0;
			for (Phase phase : phases) {
				double end = start + phase.length().toSeconds();
				double perSecond = phase.perMinute() / 60;
				double t = start;
				while (perSecond > 0) {
					t += -Math.log(1 - random.nextDouble()) / perSecond;
					if (t >= end) {
						break;
					}
					arrivals.add(t);
				}
				start = end;
			}
			return new Trace(name, arrivals.stream().mapToDouble(Double::doubleValue).toArray(), (long) start);
		}

	}

	/** Warm-up times, log-normal around a median; the same seed gives the same times. */
	public record WarmupModel(Duration median, double sigma) {

		Duration sample(Random random) {
			return Duration.ofMillis((long) (this.median.toMillis() * Math.exp(this.sigma * random.nextGaussian())));
		}

	}

	/**
	 * @param refused arrivals that found no ready shop
	 * @param readyShopHours hours ready shops spent waiting, summed over shops
	 * @param highestTarget the highest target the run used
	 */
	public record Outcome(int arrivals, int refused, double readyShopHours, int highestTarget) {
	}

	private final WarmupModel warmups;

	private final int concurrency;

	private final long seed;

	public PoolSimulation(WarmupModel warmups, int concurrency, long seed) {
		this.warmups = warmups;
		this.concurrency = concurrency;
		this.seed = seed;
	}

	public Outcome fixed(Trace trace, int target) {
		// A fixed target never has ready shops above it to retire.
		return run(trace, (demand, now) -> target, (took) -> {
		}, 0);
	}

	/**
	 * Sized by the service's own code, fed as the service feeds it: demand counted in
	 * buckets, the warm-up time as the warm-up timeout until one is timed, then the first
	 * one and a moving average, the target decided every round and ready shops above it
	 * retired at the shrink rate. The service starts at POOL_TARGET_SIZE, here
	 * POOL_MIN_SIZE.
	 */
	public Outcome adaptive(Trace trace, SizingRules rules, ArrivalBuckets buckets, Duration warmupTimeout) {
		Instant epoch = Instant.EPOCH;
		PoolSizer sizer = new PoolSizer(rules, rules.minSize(), epoch);
		AtomicReference<Duration> timed = new AtomicReference<>();
		return run(trace, (counts, now) -> {
			// As the service's Valkey forgets buckets past the long window.
			counts.keySet()
				.removeIf((bucket) -> bucket < now - buckets.longWindow().toSeconds() - ArrivalBuckets.WIDTH);
			Duration warmup = (timed.get() != null) ? timed.get() : warmupTimeout;
			return sizer
				.decide(buckets.demand(new ArrivalBuckets.Arrivals(now, counts)), warmup, epoch.plusSeconds(now))
				.target();
		}, (took) -> timed.set((timed.get() != null) ? WarmupTime.updated(timed.get(), took) : took),
				(long) (60 / rules.shrinkPerMinute()));
	}

	/**
	 * The smallest fixed target that refuses no more arrivals than {@code refused}: what
	 * matching adaptive sizing's refusals costs a fixed pool, with hindsight.
	 */
	public Outcome fewestIdleRefusingAtMost(Trace trace, int refused, int ceiling) {
		for (int target = 0; target < ceiling; target++) {
			Outcome outcome = fixed(trace, target);
			if (outcome.refused() <= refused) {
				return outcome;
			}
		}
		return fixed(trace, ceiling);
	}

	/**
	 * The largest fixed target that keeps ready shops waiting no longer than
	 * {@code readyShopHours}: what a fixed pool refuses on adaptive sizing's budget.
	 */
	public Outcome fewestRefusedIdlingAtMost(Trace trace, double readyShopHours, int ceiling) {
		Outcome best = fixed(trace, 0);
		for (int target = 1; target <= ceiling; target++) {
			Outcome outcome = fixed(trace, target);
			if (outcome.readyShopHours() > readyShopHours) {
				break;
			}
			best = outcome;
		}
		return best;
	}

	private Outcome run(Trace trace, Sizing sizing, Consumer<Duration> warmedUp, long retireEverySeconds) {
		Random random = new Random(this.seed);
		Map<Long, Long> counts = new HashMap<>();
		PriorityQueue<long[]> warming = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
		int ready = 0;
		int refused = 0;
		int highest = 0;
		long readySeconds = 0;
		int next = 0;
		long nextRetirement = 0;
		for (long second = 0; second < trace.seconds(); second++) {
			while (!warming.isEmpty() && warming.peek()[0] <= second) {
				warmedUp.accept(Duration.ofSeconds(warming.poll()[1]));
				ready++;
			}
			while (next < trace.arrivals().length && trace.arrivals()[next] < second + 1) {
				counts.merge(ArrivalBuckets.bucketOf(second), 1L, Long::sum);
				if (ready > 0) {
					ready--;
				}
				else {
					refused++;
				}
				next++;
			}
			int target = sizing.target(counts, second);
			highest = Math.max(highest, target);
			// Ready shops above a target that fell are retired, one at a time.
			if (ready > target && second >= nextRetirement) {
				ready--;
				nextRetirement = second + retireEverySeconds;
			}
			int toStart = Math.min(target - ready - warming.size(), this.concurrency - warming.size());
			for (int i = 0; i < toStart; i++) {
				long took = Math.max(1, this.warmups.sample(random).toSeconds());
				warming.add(new long[] { second + took, took });
			}
			readySeconds += ready;
		}
		return new Outcome(trace.arrivals().length, refused, readySeconds / 3600.0, highest);
	}

	/** The target for this second, from the arrival counts so far. */
	private interface Sizing {

		int target(Map<Long, Long> counts, long second);

	}

}
