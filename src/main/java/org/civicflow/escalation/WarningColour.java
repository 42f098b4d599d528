package org.civicflow.escalation;

/**
 * Colour of a CMA meteorological warning signal, declared in ascending severity so {@code compareTo} orders them
 * (DOMAIN.md §3: blue/yellow/orange/red = general/fairly serious/serious/extremely serious).
 */
public enum WarningColour {
    BLUE("蓝色", "general"),
    YELLOW("黄色", "fairly serious"),
    ORANGE("橙色", "serious"),
    RED("红色", "extremely serious");

    private final String chineseName;
    private final String severity;

    WarningColour(String chineseName, String severity) {
        this.chineseName = chineseName;
        this.severity = severity;
    }

    public String chineseName() {
        return chineseName;
    }

    public String severity() {
        return severity;
    }

    public boolean isAtLeast(WarningColour other) {
        return compareTo(other) >= 0;
    }

    /** The more severe of two colours; {@code null} counts as no signal. */
    public static WarningColour higher(WarningColour a, WarningColour b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAtLeast(b) ? a : b;
    }
}
