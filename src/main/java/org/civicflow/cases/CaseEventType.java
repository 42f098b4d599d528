package org.civicflow.cases;

/** Kinds of entries on a case's timeline. */
public enum CaseEventType {
    SUBMITTED,
    ROUTED,
    STATUS_CHANGED,
    RETURNED,
    REOPENED,
    CLOSED,
    /** More information from the citizen or an agency (POST /api/v1/cases/{key}/updates); no status change. */
    INFO_ADDED
}
