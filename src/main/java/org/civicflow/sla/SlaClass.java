package org.civicflow.sla;

import java.util.Arrays;
import java.util.Locale;

/** Service-level class of a request: decides how long handling may take (DOMAIN.md §2). */
public enum SlaClass {
    CONSULTATION,
    HELP,
    COMPLAINT,
    URGENT,
    EMERGENCY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SlaClass fromCode(String code) {
        return Arrays.stream(values())
                .filter(c -> c.code().equalsIgnoreCase(code) || c.name().equalsIgnoreCase(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown SLA class '" + code + "'"));
    }
}
