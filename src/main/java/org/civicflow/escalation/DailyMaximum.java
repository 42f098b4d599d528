package org.civicflow.escalation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Fact for the heat signal rules: a station's daily maximum temperature for a local (Beijing time) day, observed
 * for past days or forecast for today and the days ahead.
 *
 * @param divisionCode the district (6 digits) the station stands in
 */
public record DailyMaximum(String stationId, String divisionCode, LocalDate day, double celsius) {

    public DailyMaximum {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(divisionCode, "divisionCode");
        Objects.requireNonNull(day, "day");
    }
}
