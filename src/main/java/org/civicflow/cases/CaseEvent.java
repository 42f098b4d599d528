package org.civicflow.cases;

import java.time.OffsetDateTime;

/** One entry of a case's timeline: who did what, when, from which status to which, and why. */
public record CaseEvent(
        long id,
        String businessKey,
        OffsetDateTime occurredAt,
        CaseEventType type,
        String actor,
        CaseStatus fromStatus,
        CaseStatus toStatus,
        String officeGroup,
        String reason,
        String details) {
}
