package org.civicflow.jurisdiction;

import java.util.Objects;

/**
 * A township-level unit (街道, 镇 or 乡) with its 9-digit statistical code; it is where a case is
 * handled on the ground ({@code <code>-handler}).
 *
 * @param kind {@code subdistrict}, {@code town} or {@code township}
 */
public record Subdistrict(String code, String name, String districtCode, String kind) {

    public Subdistrict {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(districtCode, "districtCode");
        Objects.requireNonNull(kind, "kind");
    }
}
