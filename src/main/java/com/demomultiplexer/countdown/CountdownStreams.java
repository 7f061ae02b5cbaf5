package com.demomultiplexer.countdown;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.domain.Instance;
import com.demomultiplexer.domain.InstanceEvent;
import com.demomultiplexer.domain.InstanceId;
import com.demomultiplexer.store.InstanceRepository;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Every open status stream. One ticker thread walks all streams once a second; each write
 * goes to a virtual thread of its own, so a client that stops reading cannot hold up
 * anyone else's countdown. Open streams cost no thread: they are async requests that
 * Jetty parks (see WebServerConfiguration for what they cost in memory).
 */
@Component
public class CountdownStreams implements SmartLifecycle, DisposableBean {

	private static final Duration TICK = Duration.ofSeconds(1);

	/**
	 * Comments every so often keep idle proxies and load balancers from cutting the
	 * stream.
	 */
	private static final int TICKS_PER_HEARTBEAT = 15;

	private final Map<InstanceId, Set<Countdown>> streams = new ConcurrentHashMap<>();

	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("countdown-ticker").daemon().factory());

	private final ExecutorService writes = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicLong ticks = new AtomicLong();

	private volatile boolean accepting;

	private final InstanceRepository instances;

	private final Clock clock;

	private final Duration streamTimeout;

	CountdownStreams(InstanceRepository instances, PoolProperties pool, Clock clock, MeterRegistry meters) {
		this.instances = instances;
		this.clock = clock;
		// A stream never needs to outlive the longest possible demo.
		this.streamTimeout = pool.maxTtl().plusMinutes(5);
		this.ticker.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
		Gauge.builder("demo.streams.open", this, CountdownStreams::openStreams)
			.description("Open demo status streams")
			.register(meters);
	}

	/** Opens a stream for a demo its owner is entitled to watch. */
	public SseEmitter open(Instance instance) {
		SseEmitter emitter = new SseEmitter(this.streamTimeout.toMillis());
		Countdown countdown = new Countdown(instance.id(), instance.expiresAt(), emitter);
		if (instance.state().isEnding()) {
			write(countdown, () -> countdown.ended(instance.state()));
			return emitter;
		}
		this.streams.computeIfAbsent(instance.id(), (id) -> ConcurrentHashMap.newKeySet()).add(countdown);
		emitter.onCompletion(() -> close(countdown));
		emitter.onTimeout(() -> close(countdown));
		emitter.onError((error) -> close(countdown));
		write(countdown, () -> countdown.tick(this.clock.instant()));
		// The demo may have ended between the caller's look-up and the registration
		// above, and
		// the event saying so would then have missed this stream.
		this.instances.find(instance.id())
			.filter((current) -> current.state().isEnding())
			.ifPresent((ended) -> onEnded(new InstanceEvent.Ended(ended.id(), ended.state())));
		return emitter;
	}

	@EventListener
	void onExtended(InstanceEvent.Extended extended) {
		Set<Countdown> countdowns = this.streams.get(extended.id());
		if (countdowns != null) {
			var now = this.clock.instant();
			countdowns.forEach((countdown) -> write(countdown, () -> countdown.extended(extended.expiresAt(), now)));
		}
	}

	@EventListener
	void onEnded(InstanceEvent.Ended ended) {
		Set<Countdown> countdowns = this.streams.remove(ended.id());
		if (countdowns != null) {
			countdowns.forEach((countdown) -> write(countdown, () -> countdown.ended(ended.state())));
		}
	}

	private void tick() {
		boolean heartbeat = this.ticks.incrementAndGet() % TICKS_PER_HEARTBEAT == 0;
		var now = this.clock.instant();
		this.streams.values().forEach((countdowns) -> countdowns.forEach((countdown) -> write(countdown, () -> {
			countdown.tick(now);
			if (heartbeat) {
				countdown.heartbeat();
			}
		})));
	}

	private void write(Countdown countdown, Send send) {
		this.writes.execute(() -> {
			try {
				send.run();
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away or the stream was completed meanwhile.
				close(countdown);
			}
		});
	}

	private void close(Countdown countdown) {
		this.streams.computeIfPresent(countdown.id(), (id, countdowns) -> {
			countdowns.remove(countdown);
			return countdowns.isEmpty() ? null : countdowns;
		});
	}

	private double openStreams() {
		return this.streams.values().stream().mapToInt(Set::size).sum();
	}

	@Override
	public void start() {
		this.accepting = true;
	}

	/**
	 * Closes every stream at shutdown, before the web server's graceful shutdown would
	 * wait for them: the browsers' EventSource reconnects, to the next process.
	 */
	@Override
	public void stop() {
		this.accepting = false;
		this.streams.values()
			.forEach((countdowns) -> countdowns.forEach((countdown) -> countdown.emitter().complete()));
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.accepting;
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
		this.writes.shutdownNow();
	}

	@FunctionalInterface
	private interface Send {

		void run() throws IOException;

	}

}
