package org.civicflow.jurisdiction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Routes a location to the district whose boundary contains it. The boundaries are simplified, so
 * neighbours overlap or leave gaps of some tens of metres along shared borders: a point in two
 * districts goes to the one it lies deepest inside (ties: lowest code), a point in none to the nearest
 * district within {@value #NEAREST_DISTRICT_LIMIT_METERS} m; beyond that it is outside Chongqing and the
 * city dispatch centre decides.
 *
 * <p>Each polygon is indexed in an {@link STRtree} and tested as a {@link PreparedGeometry}, so a lookup
 * is a tree query plus an indexed point-in-polygon test; distances use an {@link IndexedFacetDistance}
 * per polygon (DistanceOp scans every segment: some 400 µs for a point outside the city against all
 * polygons, against a few µs indexed). All are read-only after construction and safe for concurrent use
 * (JTS synchronises the lazy index of a prepared polygon; it is built here up front anyway).
 */
@Component
public class DistrictLocator {

    /** A point this close to a district is taken to be in a gap between simplified borders. */
    public static final double NEAREST_DISTRICT_LIMIT_METERS = 5_000;

    static final String BOUNDARIES_GEOJSON = "jurisdictions/chongqing-districts.geojson";

    /** Metres per degree of latitude, rounded down so that the search window is never too small. */
    private static final double METERS_PER_DEGREE_LATITUDE = 110_000;

    private final Divisions divisions;
    private final GeometryFactory geometryFactory;
    private final STRtree index;
    private final List<Area> areas;
    private final Map<String, Geometry> boundaries;

    @Autowired
    public DistrictLocator(Divisions divisions) {
        this(divisions, new ClassPathResource(BOUNDARIES_GEOJSON));
    }

    DistrictLocator(Divisions divisions, Resource boundariesGeoJson) {
        this.divisions = Objects.requireNonNull(divisions, "divisions");
        this.geometryFactory = new GeometryFactory();
        this.index = new STRtree();
        List<Area> all = new ArrayList<>();
        this.boundaries = Collections.unmodifiableMap(new TreeMap<>(
                DistrictBoundaries.read(boundariesGeoJson, divisions, geometryFactory)));
        boundaries.forEach((code, boundary) -> {
            // One entry per polygon, so an enclave's small envelope does not drag in its whole district.
            for (int i = 0; i < boundary.getNumGeometries(); i++) {
                Polygon polygon = (Polygon) boundary.getGeometryN(i);
                Area area = new Area(code, PreparedGeometryFactory.prepare(polygon), new IndexedFacetDistance(polygon));
                area.prepared().covers(polygon.getInteriorPoint()); // builds the point-in-area index now, not on a request
                index.insert(polygon.getEnvelopeInternal(), area);
                all.add(area);
            }
        });
        index.build();
        this.areas = List.copyOf(all);
    }

    /** Each district's boundary (lon/lat, valid Polygon or MultiPolygon) by district code, e.g. to draw a map. */
    public Map<String, Geometry> boundaries() {
        return boundaries;
    }

    public DistrictMatch locate(GeoPoint point) {
        Objects.requireNonNull(point, "point");
        Point p = geometryFactory.createPoint(new Coordinate(point.lon(), point.lat()));
        List<Area> covering = query(p.getEnvelopeInternal()).stream().filter(area -> area.prepared().covers(p)).toList();
        Map<String, List<Area>> coveringByDistrict = covering.stream()
                .collect(Collectors.groupingBy(Area::districtCode, TreeMap::new, Collectors.toList()));
        if (coveringByDistrict.size() == 1) {
            String code = coveringByDistrict.keySet().iterator().next();
            return new DistrictMatch(code, LocationResolution.INSIDE, 0, List.of(code),
                    "Location " + format(point) + " lies inside " + divisions.describe(code) + ".");
        }
        if (coveringByDistrict.size() > 1) {
            return overlap(point, p, coveringByDistrict);
        }
        return nearest(point, p);
    }

    /**
     * The districts an area (a closed ring of WGS84 points, e.g. a CAP alert's polygon) overlaps, sorted by code. A ring
     * of fewer than four points or one that is not closed overlaps nothing.
     */
    public List<String> districtsOverlapping(List<GeoPoint> ring) {
        if (ring == null || ring.size() < 4 || !ring.get(0).equals(ring.get(ring.size() - 1))) {
            return List.of();
        }
        Coordinate[] coordinates = ring.stream().map(p -> new Coordinate(p.lon(), p.lat())).toArray(Coordinate[]::new);
        Polygon area = geometryFactory.createPolygon(coordinates);
        Geometry shape = area.isValid() ? area : area.buffer(0); // a self-intersecting ring: its cleaned-up area
        return query(shape.getEnvelopeInternal()).stream()
                .filter(candidate -> candidate.prepared().intersects(shape))
                .map(Area::districtCode)
                .distinct()
                .sorted()
                .toList();
    }

    /** The district the point lies deepest inside: the largest distance to the edge of its polygon. */
    private DistrictMatch overlap(GeoPoint point, Point p, Map<String, List<Area>> coveringByDistrict) {
        Map<String, Double> depths = new TreeMap<>();
        coveringByDistrict.forEach((code, covering) -> depths.put(code,
                covering.stream().mapToDouble(area -> area.metersToEdge(p)).max().orElseThrow()));
        String chosen = pick(depths, Comparator.reverseOrder());
        boolean tie = depths.values().stream().filter(depth -> depth.equals(depths.get(chosen))).count() > 1;
        String note = "Location " + format(point) + " lies inside the overlapping boundaries of "
                + listed(depths, " from its edge") + "; chose " + divisions.describe(chosen)
                + (tie ? ", the lowest code of those it lies equally deep inside." : ", the one it lies deepest inside.");
        return new DistrictMatch(chosen, LocationResolution.OVERLAP, 0, List.copyOf(depths.keySet()), note);
    }

    private DistrictMatch nearest(GeoPoint point, Point p) {
        Map<String, Double> distances = distancesWithin(query(searchWindow(point)), p);
        if (!distances.isEmpty()) {
            String chosen = pick(distances, Comparator.naturalOrder());
            String note = "Location " + format(point) + " lies in no district boundary (a gap between simplified borders); "
                    + "chose the nearest district " + divisions.describe(chosen) + ", " + distance(distances.get(chosen))
                    + " away. Within " + distance(NEAREST_DISTRICT_LIMIT_METERS) + ": " + listed(distances, "") + ".";
            return new DistrictMatch(chosen, LocationResolution.NEAREST_WITHIN_5KM, distances.get(chosen),
                    List.copyOf(distances.keySet()), note);
        }
        // Rare (a wrong fix or a caller outside the city), and cheap with the facet indexes: measure all.
        Map<String, Double> all = new TreeMap<>();
        areas.forEach(area -> all.merge(area.districtCode(), area.metersToEdge(p), Math::min));
        String closest = pick(all, Comparator.naturalOrder());
        String note = "Location " + format(point) + " lies outside Chongqing: the nearest district, "
                + divisions.describe(closest) + ", is " + distance(all.get(closest)) + " away (more than "
                + distance(NEAREST_DISTRICT_LIMIT_METERS) + "); the city dispatch centre decides.";
        return new DistrictMatch(null, LocationResolution.OUTSIDE_CHONGQING, all.get(closest), List.of(), note);
    }

    private Map<String, Double> distancesWithin(List<Area> candidates, Point p) {
        Map<String, Double> distances = new TreeMap<>();
        for (Area area : candidates) {
            double meters = area.metersToEdge(p); // the point is in no polygon, so its edge is its nearest part
            if (meters <= NEAREST_DISTRICT_LIMIT_METERS) {
                distances.merge(area.districtCode(), meters, Math::min);
            }
        }
        return distances;
    }

    /** A lon/lat box at least the limit distance from the point in every direction. */
    private static Envelope searchWindow(GeoPoint point) {
        double dLat = NEAREST_DISTRICT_LIMIT_METERS / METERS_PER_DEGREE_LATITUDE;
        double cos = Math.cos(Math.toRadians(point.lat()));
        double dLon = cos < 1e-6 ? 180 : Math.min(180, dLat / cos);
        return new Envelope(point.lon() - dLon, point.lon() + dLon, point.lat() - dLat, point.lat() + dLat);
    }

    /** The best by the order of the values; ties go to the lowest code (the map is sorted by code). */
    private static String pick(Map<String, Double> byCode, Comparator<Double> best) {
        return byCode.entrySet().stream()
                .min(Map.Entry.<String, Double>comparingByValue(best))
                .orElseThrow().getKey();
    }

    @SuppressWarnings("unchecked")
    private List<Area> query(Envelope envelope) {
        return index.query(envelope);
    }

    private String listed(Map<String, Double> metersByCode, String suffix) {
        return metersByCode.entrySet().stream()
                .map(entry -> divisions.describe(entry.getKey()) + " (" + distance(entry.getValue()) + suffix + ")")
                .collect(Collectors.joining(", "));
    }

    private static String format(GeoPoint point) {
        return String.format(Locale.ROOT, "(lat %.6f, lon %.6f)", point.lat(), point.lon());
    }

    private static String distance(double meters) {
        return meters < 1_000
                ? String.format(Locale.ROOT, "%.0f m", meters)
                : String.format(Locale.ROOT, "%.1f km", meters / 1_000);
    }

    /** One polygon of a district, prepared for point tests, with its edge (outer ring and holes) indexed for distances. */
    private record Area(String districtCode, PreparedGeometry prepared, IndexedFacetDistance edge) {

        /**
         * Metres from the point to the polygon's edge: how deep it lies when inside, how far it is when
         * outside. JTS finds the nearest points in degrees, then they are measured on the sphere. Near 30° N
         * the point nearest in degrees can differ slightly from the one nearest in metres; over a few
         * kilometres that moves the distance by a few percent at most, well below what the simplified
         * borders are worth.
         */
        double metersToEdge(Point p) {
            Coordinate[] nearest = edge.nearestPoints(p);
            return Haversine.meters(nearest[0], nearest[1]);
        }
    }
}
