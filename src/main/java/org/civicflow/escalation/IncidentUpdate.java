package org.civicflow.escalation;

import java.util.Objects;

/**
 * New information about a running incident (a fire report update, a warning upgrade, a level declared by an agency):
 * correlated to its {@code incidentResponse} instance, where the rules grade it again.
 *
 * @param fire          the fire's situation now, or {@code null} when unchanged
 * @param reportedLevel a level now declared by the reporter, or {@code null} when unchanged
 */
public record IncidentUpdate(String information, String source, FireSituation fire, ResponseLevel reportedLevel) {

    public IncidentUpdate {
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(source, "source");
    }
}
