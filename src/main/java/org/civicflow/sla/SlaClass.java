package org.civicflow.sla;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How fast a citizen request must be handled (DOMAIN.md §2): consultation 3, help 7, complaint 15
 * working days (Sichuan 2025); utilities and extreme weather 24 h; risk to life or property 2 h.
 * The limits themselves live in {@link DeadlinePolicy}; this is only the closed set of classes.
 */
public enum SlaClass {
    CONSULTATION,
    HELP,
    COMPLAINT,
    /** Utilities (water, power, gas, heating) and extreme weather. */
    URGENT,
    /** Risk to life or property. */
    EMERGENCY;

    /** The lower-case code used in process variables, configuration keys and the API. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the valid codes if {@code code} is none of them
     */
    public static SlaClass fromCode(String code) {
        if (code != null) {
            for (SlaClass slaClass : values()) {
                if (slaClass.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                    return slaClass;
                }
            }
        }
        throw new IllegalArgumentException("unknown SLA class '" + code + "'; expected one of " + codes());
    }

    static String codes() {
        return Arrays.stream(values()).map(SlaClass::code).collect(Collectors.joining(", "));
    }
}
