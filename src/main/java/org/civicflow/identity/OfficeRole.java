package org.civicflow.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The role part of an office's group id {@code <divisionCode>-<role>} (DOMAIN.md §1, the identity contract),
 * with the levels of government at which such an office exists.
 */
public enum OfficeRole {
    DISPATCH("12345 调度中心 / dispatch", EnumSet.of(Level.CITY, Level.DISTRICT)),
    COMMAND("应急指挥中心 / emergency command", EnumSet.of(Level.CITY, Level.DISTRICT)),
    SUPERVISOR("督办 / supervision", EnumSet.of(Level.CITY, Level.DISTRICT)),
    ENFORCEMENT("城市管理综合执法 / urban-management enforcement", EnumSet.of(Level.CITY, Level.DISTRICT)),
    POLICE("公安 / public security", EnumSet.of(Level.DISTRICT)),
    ENVIRONMENT("生态环境 / ecology and environment", EnumSet.of(Level.DISTRICT)),
    HANDLER("街镇办理 / subdistrict handling office", EnumSet.of(Level.SUBDISTRICT));

    /** Level of government, told apart by the length of the division code (6 digits 500000, 6 digits, 9 digits). */
    public enum Level { CITY, DISTRICT, SUBDISTRICT }

    private final String label;
    private final Set<Level> levels;

    OfficeRole(String label, Set<Level> levels) {
        this.label = label;
        this.levels = levels;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public boolean existsAt(Level level) {
        return levels.contains(level);
    }

    public static OfficeRole fromCode(String code) {
        return Arrays.stream(values())
                .filter(r -> r.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown office role '" + code + "'"));
    }
}
