package org.civicflow.cases;

/** The four states everything rolls up into, as citizens and Open311 see them. */
public enum CasePhase {
    OPEN,
    IN_PROGRESS,
    RESOLVED,
    CLOSED
}
