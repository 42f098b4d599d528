package org.civicflow.escalation;

import java.util.Objects;

/**
 * An incident reported by a monitoring system or another agency (or opened for an escalated request).
 *
 * @param divisionCode  where: a district (6 digits) or subdistrict (9 digits)
 * @param source        who reports it (system or agency name, alert identifier), for the record
 * @param reportedLevel a response level the reporter already declared, or {@code null}; the rules may raise it
 * @param fire          the fire's situation for {@code fire} incidents, or {@code null}
 */
public record IncidentReport(IncidentType type, String divisionCode, String description, String source,
                             ResponseLevel reportedLevel, FireSituation fire) {

    public IncidentReport {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(divisionCode, "divisionCode");
        Objects.requireNonNull(source, "source");
    }
}
