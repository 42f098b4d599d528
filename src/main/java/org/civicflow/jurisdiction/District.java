package org.civicflow.jurisdiction;

import java.util.Objects;

/**
 * A district-level unit of Chongqing (区, 县 or 自治县) with its 6-digit GB/T 2260 code.
 *
 * @param kind {@code district}, {@code county} or {@code autonomous_county}, exactly as in
 *             {@code chongqing-districts.csv}
 */
public record District(String code, String name, String nameEn, String kind) {

    public District {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(kind, "kind");
    }
}
