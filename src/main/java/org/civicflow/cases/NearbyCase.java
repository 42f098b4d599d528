package org.civicflow.cases;

import java.time.OffsetDateTime;

/**
 * An earlier request near a new one, as the hotspot check reads it: only what the check needs.
 *
 * @param hotspotReportedBy the request that reported the hotspot this one belongs to (itself if it reported it), or
 *                          null ({@link CaseService#markHotspot})
 * @param hotspotReportedAt when that request reported it, or null
 */
public record NearbyCase(String businessKey, String category, double latitude, double longitude,
                         OffsetDateTime createdAt, String hotspotReportedBy, OffsetDateTime hotspotReportedAt) {
}
