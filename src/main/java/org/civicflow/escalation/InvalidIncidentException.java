package org.civicflow.escalation;

import java.util.List;
import java.util.stream.Collectors;

import org.civicflow.escalation.cap.FieldError;

/** An incident report or update was refused; carries every problem, per field. Nothing was started or changed. */
public class InvalidIncidentException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidIncidentException(List<FieldError> errors) {
        super("Invalid incident: " + errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> getErrors() {
        return errors;
    }
}
