package org.civicflow.escalation;

/** The kinds of meteorological warning the escalation rules act on (DOMAIN.md §3). */
public enum WarningKind {
    RAINSTORM("暴雨"),
    HEAT("高温");

    private final String chineseName;

    WarningKind(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
