package org.civicflow.cases;

/** Kinds of entries on a case's timeline. */
public enum CaseEventType {
    SUBMITTED,
    ROUTED,
    STATUS_CHANGED,
    RETURNED,
    REOPENED,
    CLOSED,
    /** Escalation raised the case's SLA class (reasons, rule-set version and fired rules in the details). */
    ESCALATED,
    /** The case became an incident handled by {@code incidentResponse} (linked). */
    INCIDENT_LINKED,
    /** The linked incident changed: its response level, its lead, its end. */
    INCIDENT_UPDATED,
    /** An office was informed about the case (the office is the event's office group). */
    NOTIFIED,
    /** The case completes a cluster of requests of one category nearby (hotspot rules). */
    HOTSPOT_FLAGGED,
    /** Joint law enforcement (联合执法) is proposed for the case; the enforcement process takes it from there. */
    JOINT_ENFORCEMENT_PROPOSED
}
