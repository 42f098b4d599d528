package org.civicflow.intake;

import java.util.List;

/** A submission was refused; nothing was stored. Carries every problem found, field by field. */
public class InvalidSubmissionException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidSubmissionException(List<FieldProblem> problems) {
        super("Invalid submission: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
