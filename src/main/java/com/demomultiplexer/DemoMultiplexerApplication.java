package com.demomultiplexer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Hands out pre-booted PrestaShop trial shops from a warm pool kept in Valkey.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = { @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		// The ops package belongs to the management server's context only (see its
		// package-info).
		@Filter(type = FilterType.REGEX, pattern = "com\\.demomultiplexer\\.ops\\..*") })
@ConfigurationPropertiesScan
@EnableScheduling
public class DemoMultiplexerApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoMultiplexerApplication.class, args);
	}

}
