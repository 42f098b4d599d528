package org.civicflow.cases;

import java.time.OffsetDateTime;

/**
 * An earlier request near a new one, as the hotspot check reads it: only what the check needs.
 *
 * @param hotspotReported whether this request reported a hotspot to its district ({@link CaseService#hotspotReported})
 */
public record NearbyCase(String businessKey, String category, double latitude, double longitude,
                         OffsetDateTime createdAt, boolean hotspotReported) {
}
