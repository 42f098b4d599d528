package org.civicflow.escalation;

import org.civicflow.rules.RuleOutcome;

/** A decision together with the evaluation that made it (rule-set version and fired rules, for the audit trail). */
public record Evaluated<D>(D decision, RuleOutcome outcome) {
}
