package org.civicflow.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.civicflow.sla.SlaClass;

/**
 * Fact for the case rules: what is known about a citizen request when it is (re-)evaluated for escalation.
 *
 * @param category     service code from the catalogue (e.g. {@code waterlogging})
 * @param districtCode the district (6 digits) the request is in, or its subdistrict (9 digits) where known; the
 *                     hotspot supervisor is the district's
 * @param slaClass     the request's current SLA class; a decision only ever raises it
 * @param location     where, if known (needed for hotspots)
 * @param reportedAt   when the request was made (the end of its hotspot window)
 * @param attributes   request attributes, e.g. {@code vulnerable=elderly-alone} (see {@code heat.drl})
 */
public record CaseFacts(String businessKey, String category, String districtCode, SlaClass slaClass, GeoPoint location,
                        Instant reportedAt, Map<String, String> attributes) {

    private static final String CITY_CODE = "500000";

    public CaseFacts {
        Objects.requireNonNull(businessKey, "businessKey");
        Objects.requireNonNull(category, "category");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * The divisions the request lies in, from the city down (e.g. {@code 500000, 500106, 500106003}): a warning for
     * any of them applies to the request.
     */
    public List<String> enclosingDivisions() {
        List<String> divisions = new ArrayList<>();
        divisions.add(CITY_CODE);
        if (districtCode != null && districtCode.length() >= 6 && !districtCode.equals(CITY_CODE)) {
            divisions.add(districtCode.substring(0, 6));
            if (districtCode.length() > 6) {
                divisions.add(districtCode);
            }
        }
        return divisions;
    }

    /** The district (6 digits) of the request's division. */
    public String district() {
        return districtCode == null || districtCode.length() < 6 ? districtCode : districtCode.substring(0, 6);
    }

    /** The attribute's value, or {@code null} when the request does not have it. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
