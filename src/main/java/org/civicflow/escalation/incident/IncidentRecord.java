package org.civicflow.escalation.incident;

import java.time.OffsetDateTime;

import org.civicflow.escalation.IncidentType;
import org.civicflow.escalation.ResponseLevel;

/** A row of {@code cf_incident}: where an incident stands without walking the engine. */
public record IncidentRecord(String incidentId, IncidentType type, ResponseLevel responseLevel, String leadGroup,
                             String divisionCode, String districtCode, String source, String description, String status,
                             String processInstanceId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                             OffsetDateTime closedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
