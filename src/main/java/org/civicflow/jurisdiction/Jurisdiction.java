package org.civicflow.jurisdiction;

import java.util.List;
import java.util.Objects;

/**
 * Which office a case belongs to. The level follows from what is known: {@link DispatchLevel#SUBDISTRICT}
 * when both codes are, {@link DispatchLevel#DISTRICT} when only the district is, {@link DispatchLevel#CITY}
 * when neither is.
 *
 * @param notes why, in order: what the location, the division code and the address said and which won
 */
public record Jurisdiction(String districtCode, String subdistrictCode, DispatchLevel level, List<String> notes) {

    public Jurisdiction {
        Objects.requireNonNull(level, "level");
        notes = List.copyOf(notes);
        if (level != levelOf(districtCode, subdistrictCode)) {
            throw new IllegalArgumentException("level " + level + " does not fit district " + districtCode
                    + " and subdistrict " + subdistrictCode);
        }
    }

    /** A jurisdiction whose level is derived from the codes that are known. */
    public static Jurisdiction of(String districtCode, String subdistrictCode, List<String> notes) {
        return new Jurisdiction(districtCode, subdistrictCode, levelOf(districtCode, subdistrictCode), notes);
    }

    /**
     * The code of the receiving office: the subdistrict, else the district, else the city
     * ({@value Divisions#CITY_CODE}). Office groups are named {@code <divisionCode>-<role>}.
     */
    public String divisionCode() {
        if (subdistrictCode != null) {
            return subdistrictCode;
        }
        return districtCode != null ? districtCode : Divisions.CITY_CODE;
    }

    private static DispatchLevel levelOf(String districtCode, String subdistrictCode) {
        if (subdistrictCode != null) {
            if (districtCode == null) {
                throw new IllegalArgumentException("subdistrict " + subdistrictCode + " needs its district code");
            }
            return DispatchLevel.SUBDISTRICT;
        }
        return districtCode != null ? DispatchLevel.DISTRICT : DispatchLevel.CITY;
    }
}
