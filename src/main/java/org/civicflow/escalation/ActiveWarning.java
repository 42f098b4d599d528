package org.civicflow.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * Fact for the case rules: a warning in force for a division, from an official alert (CAP) or derived from readings.
 *
 * @param divisionCode the city ({@code 500000}), a district (6 digits) or a subdistrict (9 digits); it applies to
 *                     the requests in that division ({@link CaseFacts#enclosingDivisions()})
 * @param source       where it comes from, e.g. the CAP alert identifier, for the audit trail
 * @param onset        from when it applies; {@code null} = already
 * @param expires      until when it applies; {@code null} = until cancelled
 */
public record ActiveWarning(WarningKind kind, WarningColour colour, String divisionCode, String source, Instant onset,
                            Instant expires) {

    public ActiveWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(divisionCode, "divisionCode");
    }

    /** An expired warning stops escalating by itself; one not yet in force does not escalate yet. */
    public boolean isActiveAt(Instant instant) {
        return (onset == null || !instant.isBefore(onset)) && (expires == null || instant.isBefore(expires));
    }
}
