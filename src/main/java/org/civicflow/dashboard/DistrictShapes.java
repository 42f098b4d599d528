package org.civicflow.dashboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.civicflow.jurisdiction.DistrictLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.springframework.stereotype.Component;

/**
 * The districts as SVG paths, computed once from the boundary data: simplified (topology-preserving, about 500 m)
 * and projected equirectangularly around Chongqing's mean latitude (x east, y south, 100 units per degree of
 * latitude), so the browser only draws. A viewer's view box is the envelope of the districts it may see.
 */
@Component
class DistrictShapes {

    static final double TOLERANCE_DEGREES = 0.005;
    private static final double SCALE = 100;
    private static final double WEST = 105.28;
    private static final double NORTH = 32.21;
    private static final double COS_LAT = Math.cos(Math.toRadians(30.0));

    record Shape(String code, String path, double minX, double minY, double maxX, double maxY, double labelX, double labelY) {
    }

    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    DistrictShapes(DistrictLocator locator) {
        locator.boundaries().forEach((code, boundary) -> shapes.put(code, shape(code, boundary)));
    }

    Shape shape(String code) {
        return shapes.get(code);
    }

    Collection<Shape> all() {
        return shapes.values();
    }

    /** {@code "minX minY width height"} around the given districts with a small margin. */
    static String viewBox(Collection<Shape> selected) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Shape s : selected) {
            minX = Math.min(minX, s.minX());
            minY = Math.min(minY, s.minY());
            maxX = Math.max(maxX, s.maxX());
            maxY = Math.max(maxY, s.maxY());
        }
        if (selected.isEmpty()) {
            return "0 0 100 100";
        }
        double margin = Math.max(maxX - minX, maxY - minY) * 0.03;
        return String.format(Locale.ROOT, "%.1f %.1f %.1f %.1f", minX - margin, minY - margin,
                maxX - minX + 2 * margin, maxY - minY + 2 * margin);
    }

    private static Shape shape(String code, Geometry boundary) {
        Geometry simple = TopologyPreservingSimplifier.simplify(boundary, TOLERANCE_DEGREES);
        StringBuilder path = new StringBuilder();
        double[] bounds = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < simple.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) simple.getGeometryN(i);
            ring(polygon.getExteriorRing(), path, bounds);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                ring(polygon.getInteriorRingN(h), path, bounds);
            }
        }
        Point label = boundary.getInteriorPoint();
        return new Shape(code, path.toString().trim(), bounds[0], bounds[1], bounds[2], bounds[3],
                round(x(label.getX())), round(y(label.getY())));
    }

    private static void ring(LineString ring, StringBuilder path, double[] bounds) {
        List<String> points = new ArrayList<>();
        for (Coordinate c : ring.getCoordinates()) {
            double x = round(x(c.x));
            double y = round(y(c.y));
            bounds[0] = Math.min(bounds[0], x);
            bounds[1] = Math.min(bounds[1], y);
            bounds[2] = Math.max(bounds[2], x);
            bounds[3] = Math.max(bounds[3], y);
            points.add(num(x) + "," + num(y));
        }
        if (points.size() > 1) {
            points.remove(points.size() - 1); // closed by Z
        }
        path.append('M').append(String.join("L", points)).append("Z ");
    }

    private static double x(double lon) {
        return (lon - WEST) * SCALE * COS_LAT;
    }

    private static double y(double lat) {
        return (NORTH - lat) * SCALE;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
