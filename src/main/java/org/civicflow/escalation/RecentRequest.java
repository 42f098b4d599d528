package org.civicflow.escalation;

import java.time.Instant;

/**
 * Fact for the hotspot rule: an earlier request near the one being evaluated (the caller pre-selects by area and time).
 *
 * @param reportedHotspot whether this request's own evaluation reported a hotspot to its district (a request that
 *                        only joined one already reported did not)
 */
public record RecentRequest(String businessKey, String category, GeoPoint location, Instant reportedAt,
                            boolean reportedHotspot) {

    /** A request that reported no hotspot. */
    public RecentRequest(String businessKey, String category, GeoPoint location, Instant reportedAt) {
        this(businessKey, category, location, reportedAt, false);
    }
}
