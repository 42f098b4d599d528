package org.civicflow.intake;

import java.util.Map;

/**
 * A citizen request as it arrives from any channel, before validation.
 *
 * @param location     optional WGS84 point
 * @param divisionCode optional district (6 digits) or subdistrict (9 digits) code
 * @param attributes   optional category attributes, e.g. {@code dangerToLife=true}
 */
public record Submission(
        String category,
        String description,
        Location location,
        String divisionCode,
        String address,
        Reporter reporter,
        String channel,
        String externalId,
        Map<String, Object> attributes) {

    public Submission {
        // keeps the caller's order; null values mean "not given"
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> {
                if (k != null && v != null) {
                    given.put(k, v);
                }
            });
        }
        attributes = java.util.Collections.unmodifiableMap(given);
    }

    public record Location(Double lat, Double lon) {
    }

    public record Reporter(String name, String phone, String email) {
    }
}
