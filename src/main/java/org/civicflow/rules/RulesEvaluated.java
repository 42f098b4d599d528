package org.civicflow.rules;

import java.util.List;

/**
 * Published by {@link RuleBase} after every evaluation, synchronously in the caller's thread and transaction, so the
 * audit trail records which rule-set version decided, which rules fired and on which facts (after the evaluation,
 * result facts included). Listeners must not keep the facts: they are the caller's objects.
 */
public record RulesEvaluated(RuleOutcome outcome, List<Object> facts) {
}
