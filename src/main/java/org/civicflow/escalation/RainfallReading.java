package org.civicflow.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * Fact for the rainstorm signal rules: a station's rainfall totals over the 3, 6 and 12 hours up to
 * {@code observedAt}, observed or forecast (the CMA signals are issued on either), in millimetres.
 *
 * @param divisionCode the district (6 digits) the station stands in; the signal is derived for that division
 */
public record RainfallReading(String stationId, String divisionCode, Instant observedAt, double mm3h, double mm6h,
                              double mm12h) {

    public RainfallReading {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(divisionCode, "divisionCode");
    }
}
