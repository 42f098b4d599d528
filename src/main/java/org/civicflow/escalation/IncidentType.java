package org.civicflow.escalation;

import java.util.Arrays;
import java.util.Optional;

/** The incidents {@code incidentResponse} handles (issue 3), with the code used in variables and the API. */
public enum IncidentType {
    FIRE("fire", "火灾 Fire"),
    FLOOD("flood", "洪涝 Flood"),
    LANDSLIDE("landslide", "滑坡 Landslide"),
    PIPELINE_BURST("pipeline-burst", "管网爆裂 Pipeline burst"),
    HEAT_EMERGENCY("heat-emergency", "高温险情 Heat emergency");

    private final String code;
    private final String label;

    IncidentType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** Bilingual, as clerks read it. */
    public String label() {
        return label;
    }

    public static Optional<IncidentType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
