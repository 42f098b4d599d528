package org.civicflow.rules;

import java.util.List;

/**
 * Published by {@link RuleBase} after every evaluation, synchronously in the caller's thread and transaction, so the
 * audit trail records which rule-set version decided, which rules fired and on which facts (after the evaluation,
 * result facts included). Listeners must not keep the facts: they are the caller's objects.
 *
 * @param businessKey the case the evaluation decided about, when the caller named one (an escalation check of a case);
 *                    null for evaluations about no single case, or when the case is the engine call's in progress
 */
public record RulesEvaluated(RuleOutcome outcome, List<Object> facts, String businessKey) {

    public RulesEvaluated(RuleOutcome outcome, List<Object> facts) {
        this(outcome, facts, null);
    }
}
