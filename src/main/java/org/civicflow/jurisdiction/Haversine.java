package org.civicflow.jurisdiction;

import org.locationtech.jts.geom.Coordinate;

/**
 * Great-circle distance between lon/lat coordinates. JTS measures in the units of the coordinates, and a
 * degree of longitude is shorter than one of latitude (by cos 30° ≈ 0.87 in Chongqing), so metres come
 * from here.
 */
final class Haversine {

    /** Mean Earth radius (IUGG). */
    static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Haversine() {
    }

    /** Metres between two coordinates with x = longitude and y = latitude in degrees. */
    static double meters(Coordinate a, Coordinate b) {
        double lat1 = Math.toRadians(a.y);
        double lat2 = Math.toRadians(b.y);
        double sinHalfDLat = Math.sin((lat2 - lat1) / 2);
        double sinHalfDLon = Math.sin(Math.toRadians(b.x - a.x) / 2);
        double h = sinHalfDLat * sinHalfDLat + Math.cos(lat1) * Math.cos(lat2) * sinHalfDLon * sinHalfDLon;
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
