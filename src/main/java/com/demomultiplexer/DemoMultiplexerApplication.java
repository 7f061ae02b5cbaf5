package com.demomultiplexer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Hands out pre-booted PrestaShop trial shops from a warm pool kept in Valkey.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DemoMultiplexerApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoMultiplexerApplication.class, args);
	}

}
