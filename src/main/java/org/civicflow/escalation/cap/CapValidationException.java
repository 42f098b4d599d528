package org.civicflow.escalation.cap;

import java.util.List;
import java.util.stream.Collectors;

/** An alert was refused: not well-formed, hostile, or not valid CAP 1.2. Carries every problem found, per field. */
public class CapValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public CapValidationException(List<FieldError> errors) {
        super("Invalid CAP 1.2 alert: " + errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> getErrors() {
        return errors;
    }
}
