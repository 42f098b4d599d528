package org.civicflow.api;

import java.util.List;

import org.civicflow.intake.FieldProblem;

/** Query parameters that cannot be used, field by field. */
class InvalidQueryException extends RuntimeException {

    private final List<FieldProblem> problems;

    InvalidQueryException(List<FieldProblem> problems) {
        super("Invalid query: " + problems);
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
