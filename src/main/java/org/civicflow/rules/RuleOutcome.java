package org.civicflow.rules;

import java.util.List;

/** What one evaluation did: the area, the rule-set version it ran and the names of the rules that fired, in order. */
public record RuleOutcome(String area, String version, List<String> firedRules) {
}
