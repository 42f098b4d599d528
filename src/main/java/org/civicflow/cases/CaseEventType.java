package org.civicflow.cases;

/** Kinds of entries on a case's timeline. */
public enum CaseEventType {
    SUBMITTED,
    ROUTED,
    STATUS_CHANGED,
    RETURNED,
    REOPENED,
    CLOSED,
    /** 75% of a stage's time is used; the office was reminded. */
    DEADLINE_REMINDER,
    /** A stage's deadline passed with its task still open; the supervisor above was given a supervision task. */
    DEADLINE_BREACHED,
    /** 催办: the supervisor urged the late office. */
    URGED,
    /** The supervisor gave the late task to another office. */
    REASSIGNED,
    /** The supervisor's office took the late task over. */
    TAKEN_OVER,
    /** 延期: the handler asked for more time. */
    EXTENSION_REQUESTED,
    EXTENSION_APPROVED,
    EXTENSION_REJECTED,
    /** Waiting for the citizen to supply missing information: the handling clock stops. */
    CLOCK_PAUSED,
    /** The citizen answered: the handling clock runs again with the time that was left. */
    CLOCK_RESUMED,
    MAIL_SENT,
    /** An attempt to send a mail failed; the engine retries it and finally raises an incident. */
    MAIL_FAILED,
    /** More information from the citizen or an agency (POST /api/v1/cases/{key}/updates); no status change. */
    INFO_ADDED,
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
