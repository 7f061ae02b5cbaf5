package com.demomultiplexer.container.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/**
 * Whether a label selector selects an object with these labels, by Kubernetes' rules:
 * every matchLabels entry and every matchExpressions requirement must hold; an empty
 * selector selects everything.
 */
final class Selectors {

	private Selectors() {
	}

	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		Map<String, String> required = (selector.getMatchLabels() != null) ? selector.getMatchLabels() : Map.of();
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : List.of();
		return required.entrySet().stream().allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())))
				&& expressions.stream().allMatch((requirement) -> holds(requirement, labels));
	}

	private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		return switch (requirement.getOperator()) {
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			case "In" -> value != null && requirement.getValues().contains(value);
			case "NotIn" -> value == null || !requirement.getValues().contains(value);
			default -> throw new IllegalArgumentException("Unknown operator " + requirement.getOperator());
		};
	}

}
