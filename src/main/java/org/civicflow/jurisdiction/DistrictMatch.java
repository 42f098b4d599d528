package org.civicflow.jurisdiction;

import java.util.List;
import java.util.Objects;

/**
 * The district a location falls to, and how that was decided.
 *
 * @param districtCode   the chosen district; {@code null} only when {@link LocationResolution#OUTSIDE_CHONGQING}
 *                       (the city dispatch centre decides)
 * @param distanceMeters 0 when inside (or in an overlap); the distance to the chosen district when
 *                       {@link LocationResolution#NEAREST_WITHIN_5KM}; the distance to the nearest district when
 *                       outside Chongqing
 * @param candidateCodes the districts that were considered, ascending by code: the one district when inside,
 *                       all overlapping ones, all within 5 km, none when outside
 * @param note           a human-readable record of the choice, for the case's notes and the audit trail
 */
public record DistrictMatch(String districtCode, LocationResolution resolution, double distanceMeters,
                           List<String> candidateCodes, String note) {

    public DistrictMatch {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(note, "note");
        candidateCodes = List.copyOf(candidateCodes);
        if ((districtCode == null) != (resolution == LocationResolution.OUTSIDE_CHONGQING)) {
            throw new IllegalArgumentException(
                    "districtCode must be null exactly when the resolution is OUTSIDE_CHONGQING, was "
                            + districtCode + " with " + resolution);
        }
    }
}
