package org.civicflow.cases;

/** Kinds of entries on a case's timeline. */
public enum CaseEventType {
    SUBMITTED,
    ROUTED,
    STATUS_CHANGED,
    RETURNED,
    REOPENED,
    CLOSED
}
