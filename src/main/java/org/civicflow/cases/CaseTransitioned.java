package org.civicflow.cases;

/**
 * Published (inside the transaction that made it) whenever a case event is recorded, so features such as the
 * audit trail and notifications can react without being called from the process code.
 */
public record CaseTransitioned(CaseEvent event) {
}
