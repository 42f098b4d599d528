package org.civicflow.escalation;

import java.time.Instant;

/** Fact for the hotspot rule: an earlier request near the one being evaluated (the caller pre-selects by area and time). */
public record RecentRequest(String businessKey, String category, GeoPoint location, Instant reportedAt) {
}
