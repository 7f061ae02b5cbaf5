package com.demomultiplexer.system;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the Prometheus output clean for {@code promtool check metrics}: every metric has
 * help text, and the few built-in meters whose names break Prometheus conventions are
 * renamed or dropped.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/** Built-in meters without a description get their name as help text. */
	@Bean
	MeterFilter helpTextForEveryMeter() {
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				if (id.getDescription() != null) {
					return id;
				}
				return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
						id.getName().replace('.', ' '), id.getType());
			}

		};
	}

	/**
	 * {@code jvm_compilation_time_ms_total} and {@code process_cpu_time_ns_total} carry
	 * abbreviated units in their names ({@code process_cpu_usage} remains);
	 * {@code system_cpu_count} is a gauge named like a histogram's count.
	 */
	@Bean
	MeterFilter prometheusNaming() {
		return MeterFilter.deny((id) -> id.getName().equals("jvm.compilation.time")
				|| id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count"));
	}

}
