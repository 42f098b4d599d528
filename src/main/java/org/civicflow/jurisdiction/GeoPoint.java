package org.civicflow.jurisdiction;

/**
 * A WGS84 position in degrees. Note the order: latitude first, as people say it, while GeoJSON and
 * JTS put longitude first; {@link #ofLonLat} is there for values copied from GeoJSON.
 */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        // The negated comparisons also reject NaN.
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude must be between -90 and 90 degrees, was " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude must be between -180 and 180 degrees, was " + lon);
        }
    }

    /** For coordinates in GeoJSON (x, y) order. */
    public static GeoPoint ofLonLat(double lon, double lat) {
        return new GeoPoint(lat, lon);
    }
}
