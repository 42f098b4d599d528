package org.civicflow.jurisdiction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Decides which office a case goes to from what came with it: a location, a division code, an address.
 *
 * <p>District: a subdistrict or district code given with the case wins (a clerk or a form chose it;
 * a phone's fix and simplified borders are less sure), else the location, else the address. A location
 * outside Chongqing leaves the decision to the city dispatch centre, whatever the address says.
 * Subdistrict: the code given with the case, else a name found in the address within the district (or,
 * with no district yet, a name unique in the whole city), else the district's dispatcher chooses.
 * Nothing here throws on bad input: unknown codes are ignored with a note, and every decision is noted.
 */
@Component
public class JurisdictionResolver {

    private final Divisions divisions;
    private final DistrictLocator locator;

    public JurisdictionResolver(Divisions divisions, DistrictLocator locator) {
        this.divisions = Objects.requireNonNull(divisions, "divisions");
        this.locator = Objects.requireNonNull(locator, "locator");
    }

    public Jurisdiction resolve(GeoPoint pointOrNull, String divisionCodeOrNull, String addressOrNull) {
        List<String> notes = new ArrayList<>();
        String address = addressOrNull == null || addressOrNull.isBlank() ? null : addressOrNull.strip();

        Optional<District> codedDistrict = Optional.empty();
        Optional<Subdistrict> codedSubdistrict = Optional.empty();
        String code = divisionCodeOrNull == null ? null : divisionCodeOrNull.strip();
        if (code != null && !code.isEmpty()) {
            codedDistrict = divisions.district(code);
            codedSubdistrict = divisions.subdistrict(code);
            if (code.equals(Divisions.CITY_CODE)) {
                notes.add("Division code " + code + " is the city itself; treated as no division code.");
            } else if (codedDistrict.isEmpty() && codedSubdistrict.isEmpty()) {
                notes.add("Division code '" + code + "' is not a Chongqing district or subdistrict; ignored.");
            }
        }

        DistrictMatch located = pointOrNull == null ? null : locator.locate(pointOrNull);
        if (located != null) {
            notes.add(located.note());
        }
        Optional<District> addressed = divisions.findDistrictInAddress(address);

        String districtCode;
        String subdistrictCode = null;
        if (codedSubdistrict.isPresent()) {
            subdistrictCode = codedSubdistrict.get().code();
            districtCode = codedSubdistrict.get().districtCode();
            notes.add("Subdistrict code " + divisions.describe(subdistrictCode) + " given with the case; it belongs to "
                    + divisions.describe(districtCode) + "."
                    + overrules(districtCode, located));
        } else if (codedDistrict.isPresent()) {
            districtCode = codedDistrict.get().code();
            notes.add("District code " + divisions.describe(districtCode) + " given with the case."
                    + overrules(districtCode, located));
        } else if (located != null) {
            districtCode = located.districtCode();
        } else if (addressed.isPresent()) {
            districtCode = addressed.get().code();
            notes.add("District " + divisions.describe(districtCode) + " named in the address.");
        } else {
            districtCode = null;
        }
        if (addressed.isPresent() && !addressed.get().code().equals(districtCode)) {
            notes.add("The address names " + divisions.describe(addressed.get().code()) + "; "
                    + (districtCode == null ? "not used, as the location is outside Chongqing."
                                            : "kept " + divisions.describe(districtCode) + ", as decided above."));
        }

        if (subdistrictCode == null && address != null) {
            boolean cityWide = districtCode == null && located == null;
            if (districtCode != null || cityWide) {
                Optional<Subdistrict> named = divisions.findSubdistrictInAddress(address, districtCode);
                if (named.isPresent()) {
                    subdistrictCode = named.get().code();
                    if (cityWide) {
                        districtCode = named.get().districtCode();
                        notes.add("Subdistrict " + divisions.describe(subdistrictCode)
                                + " named in the address, the only one of that name in the city; it belongs to "
                                + divisions.describe(districtCode) + ".");
                    } else {
                        notes.add("Subdistrict " + divisions.describe(subdistrictCode) + " named in the address.");
                    }
                }
            }
        }

        if (districtCode == null) {
            notes.add("No district known; the city dispatch centre decides.");
        } else if (subdistrictCode == null) {
            notes.add("No subdistrict known; the dispatch desk of " + divisions.describe(districtCode) + " chooses.");
        }
        return Jurisdiction.of(districtCode, subdistrictCode, notes);
    }

    private String overrules(String districtCode, DistrictMatch located) {
        if (located == null || located.districtCode() == null || located.districtCode().equals(districtCode)) {
            return "";
        }
        return " It wins over the location's district " + divisions.describe(located.districtCode()) + ".";
    }
}
