package com.demomultiplexer.system;

import org.junit.jupiter.api.Test;

import com.demomultiplexer.config.PoolProperties;
import com.demomultiplexer.config.PublicUrlProperties;

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
import static org.assertj.core.api.Assertions.fail;

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
	void aValueThatIsNotANumberNamesItsVariable() {
		FailureAnalysis analysis = analyzeStartWith("POOL_TARGET_SIZE=lots");

		assertThat(analysis.getDescription()).contains("POOL_TARGET_SIZE='lots' cannot be read");
	}

	@Test
	void boundsThatContradictEachOtherAreExplained() {
		FailureAnalysis analysis = analyzeStartWith("POOL_TARGET_SIZE=30", "POOL_MAX_SIZE=20");

		assertThat(analysis.getDescription()).contains("POOL_MIN_SIZE <= POOL_TARGET_SIZE <= POOL_MAX_SIZE must hold");
	}

	@Test
	void aVariableWithAnotherPrefixIsNamedAsOperatorsKnowIt() {
		FailureAnalysis analysis = analyzeStartWith("BASE_DOMAIN=https://demo.example.com");

		assertThat(analysis.getDescription()).contains("BASE_DOMAIN='https://demo.example.com'");
	}

	private static FailureAnalysis analyzeStartWith(String... settings) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		SpringApplication application = new SpringApplication(SettingsOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);
		try (ConfigurableApplicationContext context = application.run(withDashes(settings))) {
			return fail("start-up should have failed");
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

	private static String[] withDashes(String[] settings) {
		String[] arguments = new String[settings.length];
		for (int i = 0; i < settings.length; i++) {
			arguments[i] = "--" + settings[i];
		}
		return arguments;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PoolProperties.class, PublicUrlProperties.class })
	static class SettingsOnly {

	}

}
