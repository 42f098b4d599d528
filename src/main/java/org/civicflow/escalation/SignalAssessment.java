package org.civicflow.escalation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Result fact of the signal rules ({@code rainstorm.drl}, {@code heat.drl}): the highest colour reached per division.
 * A reading that reaches a higher signal usually reaches the lower ones as well, so several rules fire; only ever
 * raising the colour makes the highest one win whatever the firing order.
 */
public class SignalAssessment {

    private final WarningKind kind;
    private final LocalDate asOf;
    private final Map<String, WarningColour> colours = new TreeMap<>();
    private final Map<String, List<String>> reasons = new TreeMap<>();

    /**
     * @param asOf the day the assessment is for (heat: the day whose maximum counts as "within 24 h" and that a run of
     *             hot days must include); {@code null} where the readings carry their own window (rainfall)
     */
    public SignalAssessment(WarningKind kind, LocalDate asOf) {
        this.kind = kind;
        this.asOf = asOf;
    }

    public WarningKind getKind() {
        return kind;
    }

    public LocalDate getAsOf() {
        return asOf;
    }

    /** Records that a division reached {@code colour}; keeps the higher colour if it already has one. */
    public void raise(String divisionCode, WarningColour colour, String reason) {
        colours.merge(divisionCode, colour, WarningColour::higher);
        reasons.computeIfAbsent(divisionCode, d -> new ArrayList<>()).add(reason);
    }

    public WarningColour colourOf(String divisionCode) {
        return colours.get(divisionCode);
    }

    /** One signal per division that reached any colour, ordered by division code. */
    public List<WarningSignal> signals() {
        List<WarningSignal> signals = new ArrayList<>();
        colours.forEach((division, colour) -> signals.add(new WarningSignal(kind, division, colour, reasons.get(division))));
        return List.copyOf(signals);
    }
}
