package com.demomultiplexer.system;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a bad setting into a start-up message that names the variable an operator sets
 * ({@code POOL_TARGET_SIZE}), not the property it binds to ({@code pool.target-size}).
 * Every setting is mapped in {@code application.yml} as {@code ${VARIABLE:default}}, so
 * the variable's name is read from there.
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)");

	private final Environment environment;

	InvalidSettingFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		List<String> problems = new ArrayList<>();
		if (cause.getCause() instanceof BindValidationException validation) {
			ConfigurationPropertyName prefix = validation.getValidationErrors().getName();
			for (ObjectError error : validation.getValidationErrors()) {
				problems.add(describe(prefix, error));
			}
		}
		else if (cause.getProperty() != null) {
			ConfigurationPropertyName name = cause.getProperty().getName();
			problems.add(variableOf(name) + "='" + this.environment.getProperty(name.toString()) + "' cannot be read: "
					+ rootMessage(cause));
		}
		else {
			return null;
		}
		return new FailureAnalysis("Invalid settings:\n  " + String.join("\n  ", problems),
				"Correct the variables named above in the environment or in .env (see .env.example).", cause);
	}

	private String describe(ConfigurationPropertyName prefix, ObjectError error) {
		// A rule over several settings (@AssertTrue on a method) names its variables
		// in its message; it binds to no setting of its own.
		if (error instanceof FieldError field && !"AssertTrue".equals(field.getCode())) {
			ConfigurationPropertyName name = prefix.append(ConfigurationPropertyName.adapt(field.getField(), '.'));
			return variableOf(name) + "='" + field.getRejectedValue() + "': " + field.getDefaultMessage();
		}
		return error.getDefaultMessage();
	}

	private String variableOf(ConfigurationPropertyName name) {
		if (this.environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (source.getProperty(name.toString()) instanceof Object raw) {
					Matcher placeholder = PLACEHOLDER.matcher(raw.toString());
					if (placeholder.find()) {
						return placeholder.group(1);
					}
				}
			}
		}
		return name.toString();
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
