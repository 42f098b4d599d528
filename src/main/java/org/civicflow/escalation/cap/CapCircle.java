package org.civicflow.escalation.cap;

import org.civicflow.escalation.GeoPoint;

/** A CAP {@code circle}: a centre and a radius in kilometres. */
public record CapCircle(GeoPoint centre, double radiusKm) {
}
