package org.civicflow.escalation;

/** No incident has that id, or it is no longer running when new information arrives. */
public class IncidentNotFoundException extends RuntimeException {

    public IncidentNotFoundException(String message) {
        super(message);
    }
}
