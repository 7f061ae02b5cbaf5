package com.demomultiplexer.system;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.demomultiplexer.config.ContainerProperties;
import com.demomultiplexer.config.EventsProperties;
import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;
import com.demomultiplexer.config.ShopDatabaseProperties;
import com.demomultiplexer.support.Settings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad setting stops start-up with a message naming the variable the operator set.
 */
class InvalidSettingFailureAnalyzerTest {

	@Test
	void aValueOutOfRangeNamesItsVariable() {
		FailureAnalysis analysis = analyzeStartWith("POOL_WARMUP_CONCURRENCY=0");

		assertThat(analysis.getDescription())
			.contains("POOL_WARMUP_CONCURRENCY='0': must be greater than or equal to 1");
		assertThat(analysis.getAction()).contains(".env");
	}

	@Test
	void anEventsSettingNamesItsVariable() {
		FailureAnalysis analysis = analyzeStartWith("EVENTS_NATS_URL=http://127.0.0.1:4222");

		assertThat(analysis.getDescription())
			.contains("EVENTS_NATS_URL='http://127.0.0.1:4222': must be empty or a nats:// or tls:// URL");
	}

	@Test
	void aValueThatIsNotANumberNamesItsVariable() {
		FailureAnalysis analysis = analyzeStartWith("POOL_TARGET_SIZE=lots");

		assertThat(analysis.getDescription()).contains("POOL_TARGET_SIZE='lots' cannot be read");
	}

	@Test
	void boundsThatContradictEachOtherAreExplained() {
		FailureAnalysis analysis = analyzeStartWith("POOL_TARGET_SIZE=30", "POOL_MAX_SIZE=20");

		assertThat(analysis.getDescription())
			.contains("\n  POOL_MIN_SIZE <= POOL_TARGET_SIZE <= POOL_MAX_SIZE must hold");
	}

	@Test
	void aVariableWithAnotherPrefixIsNamedAsOperatorsKnowIt() {
		FailureAnalysis analysis = analyzeStartWith("BASE_DOMAIN=https://demo.example.com");

		assertThat(analysis.getDescription()).contains("BASE_DOMAIN='https://demo.example.com'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "demo~x@example.com", "demo&x@example.com", "demo\\x@example.com" })
	void anAdminEmailThatFlashlightsSedWouldMangleIsRefused(String email) {
		FailureAnalysis analysis = analyzeStartWith("SHOP_ADMIN_EMAIL=" + email);

		assertThat(analysis.getDescription()).contains("SHOP_ADMIN_EMAIL='" + email
				+ "': must be an e-mail address without ~, & or \\ (flashlight writes it into its dump with sed");
	}

	@Test
	void aPlainAdminEmailAReadableCaFileAndWellFormedShopVariablesStartUp() {
		assertThat(start("SHOP_ADMIN_EMAIL=demo.x+shop@example.com",
				"CONTAINER_ENVIRONMENT=DEBUG_MODE=true,BOOT_DELAY_SECONDS=0"))
			.isNull();
	}

	@Test
	void extraShopVariablesMustBeNameValuePairs() {
		FailureAnalysis analysis = analyzeStartWith("CONTAINER_ENVIRONMENT=DEBUG_MODE=true,BOOT_DELAY_SECONDS");

		assertThat(analysis.getDescription())
			.contains("\n  CONTAINER_ENVIRONMENT must be NAME=value pairs separated by commas");
	}

	@Test
	void aMissingCaFileIsNamed() {
		FailureAnalysis analysis = analyzeStartWith("SHOP_DB_CA_FILE=target/no-such-ca.pem");

		assertThat(analysis.getDescription()).contains("\n  SHOP_DB_CA_FILE must name a readable file");
	}

	private static FailureAnalysis analyzeStartWith(String... settings) {
		FailureAnalysis analysis = start(settings);
		assertThat(analysis).as("start-up should have failed").isNotNull();
		return analysis;
	}

	/** The analysis of a failed start-up with these settings; null when it started. */
	private static FailureAnalysis start(String... settings) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		SpringApplication application = new SpringApplication(SettingsOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);
		try (ConfigurableApplicationContext context = application.run(withDashes(withUnitTestCa(settings)))) {
			return null;
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (!(cause instanceof BindException) && cause.getCause() != null) {
				cause = cause.getCause();
			}
			assertThat(cause).isInstanceOf(BindException.class);
			return new InvalidSettingFailureAnalyzer(environment).analyze(ex);
		}
	}

	/** The default SHOP_DB_CA_FILE exists only once scripts/services.sh ran. */
	private static String[] withUnitTestCa(String[] settings) {
		if (Arrays.stream(settings).anyMatch((setting) -> setting.startsWith("SHOP_DB_CA_FILE="))) {
			return settings;
		}
		String[] withCa = Arrays.copyOf(settings, settings.length + 1);
		withCa[settings.length] = "SHOP_DB_CA_FILE=" + Settings.UNIT_TEST_CA;
		return withCa;
	}

	private static String[] withDashes(String[] settings) {
		String[] arguments = new String[settings.length];
		for (int i = 0; i < settings.length; i++) {
			arguments[i] = "--" + settings[i];
		}
		return arguments;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PoolProperties.class, PublicUrlProperties.class, ShopDatabaseProperties.class,
			EventsProperties.class, ContainerProperties.class })
	static class SettingsOnly {

	}

}
