package com.demomultiplexer.system;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Times every call to a service we depend on, and counts its failures:
 * {@code demo_dependency_calls_seconds{dependency, outcome}}, where dependency is docker,
 * caddy, valkey or mariadb and outcome is success or error.
 */
@Component
public class DependencyCalls {

	/** The services we call. */
	public enum Dependency {

		DOCKER, KUBERNETES, CADDY, VALKEY, MARIADB

	}

	private final MeterRegistry meters;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	public DependencyCalls(MeterRegistry meters) {
		this.meters = meters;
	}

	public <T> T call(Dependency dependency, Supplier<T> call) {
		long started = System.nanoTime();
		String outcome = "error";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		finally {
			timer(dependency, outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}

	/** Looked up once per dependency and outcome: every acquire makes a Valkey call. */
	private Timer timer(Dependency dependency, String outcome) {
		return this.timers.computeIfAbsent(dependency + "/" + outcome,
				(key) -> Timer.builder("demo.dependency.calls")
					.description("Calls to Docker, Caddy, Valkey and MariaDB, by outcome")
					.tag("dependency", dependency.name().toLowerCase(Locale.ROOT))
					.tag("outcome", outcome)
					.publishPercentileHistogram()
					.register(this.meters));
	}

	public void run(Dependency dependency, Runnable call) {
		call(dependency, () -> {
			call.run();
			return null;
		});
	}

}
