package org.civicflow.escalation;

import java.time.Instant;

/**
 * Fact for the hotspot rule: an earlier request near the one being evaluated (the caller pre-selects by area and time).
 *
 * @param hotspotReportedBy the request that reported the hotspot this one belongs to (itself if it reported it), or
 *                          null when it belongs to none
 * @param hotspotReportedAt when that request reported it, or null
 */
public record RecentRequest(String businessKey, String category, GeoPoint location, Instant reportedAt,
                            String hotspotReportedBy, Instant hotspotReportedAt) {

    /** A request that belongs to no reported hotspot. */
    public RecentRequest(String businessKey, String category, GeoPoint location, Instant reportedAt) {
        this(businessKey, category, location, reportedAt, null, null);
    }
}
