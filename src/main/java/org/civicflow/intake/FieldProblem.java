package org.civicflow.intake;

/** One thing wrong with one field of a submission, in words a caller can act on. */
public record FieldProblem(String field, String message) {
}
