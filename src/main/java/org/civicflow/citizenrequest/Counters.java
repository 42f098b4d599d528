package org.civicflow.citizenrequest;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The counts a citizen request keeps as variables (returns, reopenings). A count is stored from its first step on:
 * until then it is absent and reads as 0, so an intake stores no zeros. Instances started before keep theirs.
 */
final class Counters {

    private Counters() {
    }

    /** The count kept in {@code variable}, or 0 while nothing was counted. */
    static int count(VariableScope scope, String variable) {
        return scope.getVariable(variable) instanceof Number n ? n.intValue() : 0;
    }

    /** Adds one to the count kept in {@code variable} and returns the new count. */
    static int increment(VariableScope scope, String variable) {
        int next = count(scope, variable) + 1;
        scope.setVariable(variable, next);
        return next;
    }
}
