package org.civicflow.escalation;

import java.time.Instant;
import java.util.List;

/** A warning signal derived for one division, with why (which station reached which threshold). */
public record WarningSignal(WarningKind kind, String divisionCode, WarningColour colour, List<String> reasons) {

    public WarningSignal {
        reasons = List.copyOf(reasons);
    }

    /** The signal as a warning in force, e.g. for {@link EscalationService#evaluateCase}. */
    public ActiveWarning toActiveWarning(String source, Instant onset, Instant expires) {
        return new ActiveWarning(kind, colour, divisionCode, source, onset, expires);
    }
}
