package org.civicflow.jurisdiction;

/** How a location was turned into a district; the boundaries are simplified, so not every point is simply inside one. */
public enum LocationResolution {
    /** Inside exactly one district boundary. */
    INSIDE,
    /** Inside two or more overlapping boundaries; the district it lies deepest inside was chosen. */
    OVERLAP,
    /** In no boundary, but within 5 km of one (a gap between simplified borders); the nearest was chosen. */
    NEAREST_WITHIN_5KM,
    /** More than 5 km from every district: no district, the city dispatch centre decides. */
    OUTSIDE_CHONGQING
}
