package org.civicflow.escalation.cap;

import java.util.List;

import org.civicflow.escalation.GeoPoint;

/**
 * A CAP {@code area}: its description and the shapes and codes that delimit it.
 *
 * @param polygons closed rings of WGS84 points (first point = last point)
 */
public record CapArea(String areaDesc, List<List<GeoPoint>> polygons, List<CapCircle> circles, List<CapValue> geocodes) {

    public CapArea {
        polygons = polygons.stream().map(List::copyOf).toList();
        circles = List.copyOf(circles);
        geocodes = List.copyOf(geocodes);
    }
}
