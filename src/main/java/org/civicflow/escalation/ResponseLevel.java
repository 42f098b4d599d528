package org.civicflow.escalation;

/**
 * Emergency response level, declared from lowest (IV) to highest (I) so {@code compareTo} orders them by severity
 * (DOMAIN.md §3). Who leads at each level is our policy: IV the subdistrict with the district watching, III the
 * district command centre, II and I the city command centre.
 */
public enum ResponseLevel {
    IV("一般", "general"),
    III("较大", "larger"),
    II("重大", "major"),
    I("特别重大", "especially major");

    private final String chineseName;
    private final String englishName;

    ResponseLevel(String chineseName, String englishName) {
        this.chineseName = chineseName;
        this.englishName = englishName;
    }

    public String chineseName() {
        return chineseName;
    }

    public String englishName() {
        return englishName;
    }

    public boolean isHigherThan(ResponseLevel other) {
        return other == null || compareTo(other) > 0;
    }
}
