package org.civicflow.escalation;

import java.util.List;

/**
 * An incident as it stands: its response level, who leads and who is informed.
 *
 * @param status {@code ACTIVE} while {@code incidentResponse} runs, then {@code CLOSED}
 */
public record IncidentResult(String incidentId, String processInstanceId, IncidentType type, ResponseLevel responseLevel,
                             String leadGroup, List<String> informedGroups, String divisionCode, String status,
                             List<String> linkedCases) {

    public IncidentResult {
        informedGroups = List.copyOf(informedGroups);
        linkedCases = List.copyOf(linkedCases);
    }
}
