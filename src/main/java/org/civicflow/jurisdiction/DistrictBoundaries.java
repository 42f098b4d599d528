package org.civicflow.jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * Reads the district boundaries (a GeoJSON FeatureCollection, one feature per district, lon/lat). Jackson
 * walks the features, JTS's GeoJsonReader builds each geometry. The boundaries are simplified from a
 * small-scale map and several MultiPolygons are invalid (zero-area slivers, parts touching each other);
 * those are repaired with {@link GeometryFixer} rather than rejected, as any real map must be. What cannot
 * be repaired, a feature for an unknown district, or a district without a boundary stops start-up.
 */
final class DistrictBoundaries {

    private static final Logger log = LoggerFactory.getLogger(DistrictBoundaries.class);
    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private DistrictBoundaries() {
    }

    /** Boundary per district code, each a valid Polygon or MultiPolygon. */
    static Map<String, Geometry> read(Resource geoJson, Divisions divisions, GeometryFactory geometryFactory) {
        String file = geoJson.getFilename() != null ? geoJson.getFilename() : geoJson.getDescription();
        JsonNode root;
        try (InputStream in = geoJson.getInputStream()) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read jurisdiction boundaries " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
            throw malformed(file, "not a GeoJSON FeatureCollection");
        }
        GeoJsonReader reader = new GeoJsonReader(geometryFactory);
        Map<String, Geometry> boundaries = new TreeMap<>();
        List<String> repaired = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.path("features")) {
            String where = "feature " + index++;
            String code = feature.path("properties").path("code").asText("");
            where += " (code '" + code + "')";
            if (divisions.district(code).isEmpty()) {
                throw malformed(file, where + ": not a district in " + Divisions.DISTRICTS_CSV);
            }
            String name = feature.path("properties").path("name").asText(null);
            if (name != null && !name.equals(divisions.nameOf(code))) {
                throw malformed(file, where + ": named " + name + " but " + code + " is " + divisions.nameOf(code));
            }
            if (boundaries.containsKey(code)) {
                throw malformed(file, where + ": a second boundary for " + code);
            }
            JsonNode geometryNode = feature.path("geometry");
            String type = geometryNode.path("type").asText("");
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                throw malformed(file, where + ": geometry must be a Polygon or MultiPolygon, was '" + type + "'");
            }
            Geometry geometry;
            try {
                geometry = reader.read(geometryNode.toString());
            } catch (ParseException | RuntimeException e) {
                throw malformed(file, where + ": unreadable geometry: " + e.getMessage());
            }
            if (geometry.isEmpty() || !WORLD.covers(geometry.getEnvelopeInternal())) {
                throw malformed(file, where + ": empty, or coordinates outside lon/lat range (must be lon, lat degrees)");
            }
            IsValidOp validity = new IsValidOp(geometry);
            if (!validity.isValid()) {
                String problem = validity.getValidationError().toString();
                geometry = GeometryFixer.fix(geometry);
                if (geometry.isEmpty() || !(geometry instanceof Polygonal) || !geometry.isValid()) {
                    throw malformed(file, where + ": invalid geometry that cannot be repaired: " + problem);
                }
                repaired.add(code + " (" + problem + ")");
            }
            boundaries.put(code, geometry);
        }
        List<String> missing = divisions.districts().stream()
                .map(District::code).filter(code -> !boundaries.containsKey(code)).toList();
        if (!missing.isEmpty()) {
            throw malformed(file, "no boundary for districts " + missing);
        }
        if (!repaired.isEmpty()) {
            log.info("Repaired {} invalid district boundaries from {}: {}", repaired.size(), file, repaired);
        }
        return boundaries;
    }

    private static IllegalStateException malformed(String file, String reason) {
        return new IllegalStateException("Malformed jurisdiction boundaries in " + file + ": " + reason);
    }
}
