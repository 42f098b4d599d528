package org.civicflow.cases;

/**
 * Published by intake once a new case is stored and its process has started (routed, first task created), still
 * inside the intake transaction: what a listener does here commits or rolls back together with the case.
 */
public record CaseSubmitted(String businessKey) {
}
