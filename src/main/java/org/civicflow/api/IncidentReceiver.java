package org.civicflow.api;

import java.util.List;
import java.util.Map;

/**
 * What {@code POST /api/v1/incidents} hands incidents and readings from monitoring systems to (fire reports, rainfall
 * and temperature readings). The escalation feature provides the implementation (its incident service: the rules,
 * then an incident response where warranted); until one is present the endpoint answers 503.
 */
public interface IncidentReceiver {

    /**
     * @param report the JSON body as a map: {@code type} (fire-report, rainfall-reading, temperature-reading, ...)
     *               and the fields of that type
     * @throws org.civicflow.intake.InvalidSubmissionException listing the fields to correct
     */
    Receipt receive(Map<String, Object> report);

    /**
     * @param incidentId    the id of the incident opened or updated, null if the rules decided none was warranted
     * @param responseLevel IV…I when an incident response was started or raised, else null
     * @param decisions     what the rules decided, in words
     */
    record Receipt(String incidentId, String responseLevel, List<String> decisions, List<String> affectedCases) {
    }
}
