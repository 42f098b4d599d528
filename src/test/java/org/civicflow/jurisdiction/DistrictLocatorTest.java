package org.civicflow.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ByteArrayResource;

class DistrictLocatorTest {

    private static final Divisions DIVISIONS = new Divisions();
    private static final DistrictLocator LOCATOR = new DistrictLocator(DIVISIONS);

    /*
     * The gap and overlap points below were found by exploring the data with JTS (a throw-away program, not
     * part of the build): boundaries repaired as the locator repairs them; the union of all districts, whose
     * interior holes are the gaps, and the pairwise intersections, which are the overlaps; the largest of
     * each located with MaximumInscribedCircle; then a 0.0001° grid around it searched for a point at least
     * 15 m (gaps) or 8 m (overlaps) from every edge whose distances to the two districts differ most, so that
     * neither a tie nor rounding decides the test. Gaps and overlaps are only some tens of metres wide.
     */

    @ParameterizedTest(name = "{0}: lon {1}, lat {2} lies inside {3}")
    @CsvSource({
            "Jiefangbei,       106.5770, 29.5575, 500103",
            "Shapingba,        106.4563, 29.5412, 500106",
            "Jiangbei airport, 106.6417, 29.7192, 500112",
            "Wanzhou,          108.408,  30.807,  500101",
    })
    void spotChecksFromTheDataReadmeLieInsideTheirDistricts(String place, double lon, double lat, String district) {
        DistrictMatch match = LOCATOR.locate(GeoPoint.ofLonLat(lon, lat));

        assertThat(match.districtCode()).isEqualTo(district);
        assertThat(match.resolution()).isEqualTo(LocationResolution.INSIDE);
        assertThat(match.distanceMeters()).isZero();
        assertThat(match.candidateCodes()).containsExactly(district);
        assertThat(match.note()).contains(DIVISIONS.describe(district));
    }

    @Test
    void aPointInChengduIsOutsideChongqingAndLeftToTheCity() {
        DistrictMatch match = LOCATOR.locate(new GeoPoint(30.67, 104.07));

        assertThat(match.resolution()).isEqualTo(LocationResolution.OUTSIDE_CHONGQING);
        assertThat(match.districtCode()).isNull();
        assertThat(match.candidateCodes()).isEmpty();
        // Chengdu is some 150 km from the nearest Chongqing district (潼南区).
        assertThat(match.distanceMeters()).isBetween(100_000.0, 200_000.0);
        assertThat(match.note()).contains("outside Chongqing", "500152 潼南区", "city dispatch centre decides");
    }

    @Test
    void aPointInAGapBetweenWanzhouAndKaizhouGoesToTheNearerKaizhou() {
        // Gap between 万州区 and 开州区: 15 m from 开州区, 120 m from 万州区, in no polygon.
        DistrictMatch match = LOCATOR.locate(GeoPoint.ofLonLat(108.1676, 30.8292));

        assertThat(match.resolution()).isEqualTo(LocationResolution.NEAREST_WITHIN_5KM);
        assertThat(match.districtCode()).isEqualTo("500154");
        assertThat(match.distanceMeters()).isCloseTo(15, within(3.0));
        assertThat(match.candidateCodes()).containsExactly("500101", "500154");
        assertThat(match.note()).contains("no district boundary", "chose the nearest district 500154 开州区");
    }

    @Test
    void aPointInAGapIsGivenToTheNearestEvenWhenItsCodeIsHigher() {
        // Gap between 江津区 (500116) and 璧山区 (500120): 16 m from 江津区, 112 m from 璧山区.
        DistrictMatch match = LOCATOR.locate(GeoPoint.ofLonLat(106.2391, 29.3897));

        assertThat(match.resolution()).isEqualTo(LocationResolution.NEAREST_WITHIN_5KM);
        assertThat(match.districtCode()).isEqualTo("500116");
        assertThat(match.candidateCodes()).contains("500116", "500120");
    }

    @Test
    void aPointInTheOverlapOfYuzhongAndNananGoesToTheOneItLiesDeepestInside() {
        // Overlap of 渝中区 and 南岸区 on the Yangtze: 52 m inside 渝中区's edge, 8 m inside 南岸区's.
        GeoPoint point = GeoPoint.ofLonLat(106.5597, 29.5425);

        DistrictMatch match = LOCATOR.locate(point);

        assertThat(match.resolution()).isEqualTo(LocationResolution.OVERLAP);
        assertThat(match.districtCode()).isEqualTo("500103");
        assertThat(match.distanceMeters()).isZero();
        assertThat(match.candidateCodes()).containsExactly("500103", "500108");
        assertThat(match.note()).contains("500103 渝中区", "500108 南岸区", "chose 500103 渝中区", "deepest inside");
        assertThat(LOCATOR.locate(point)).isEqualTo(match);
    }

    @Test
    void depthNotTheLowerCodeDecidesAnOverlap() {
        // Overlap of 渝中区 and 江北区 on the Jialing: 9 m inside 渝中区, 33 m inside 江北区.
        DistrictMatch match = LOCATOR.locate(GeoPoint.ofLonLat(106.5259, 29.5531));

        assertThat(match.resolution()).isEqualTo(LocationResolution.OVERLAP);
        assertThat(match.districtCode()).isEqualTo("500105");
        assertThat(match.candidateCodes()).containsExactly("500103", "500105");
    }

    @Test
    void givesTheSameAnswersWhenCalledFromManyThreads() {
        List<GeoPoint> points = List.of(GeoPoint.ofLonLat(106.5770, 29.5575), GeoPoint.ofLonLat(108.1676, 30.8292),
                GeoPoint.ofLonLat(106.5597, 29.5425), new GeoPoint(30.67, 104.07));
        List<DistrictMatch> expected = points.stream().map(LOCATOR::locate).toList();

        List<List<DistrictMatch>> repeated = IntStream.range(0, 200).parallel()
                .mapToObj(i -> points.stream().map(LOCATOR::locate).toList()).toList();

        assertThat(repeated).allSatisfy(matches -> assertThat(matches).isEqualTo(expected));
    }

    @Test
    void geoPointRejectsCoordinatesOutOfRangeWithAClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(106.5770, 29.5575))
                .withMessage("latitude must be between -90 and 90 degrees, was 106.577");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(29.5575, 200))
                .withMessage("longitude must be between -180 and 180 degrees, was 200.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(Double.NaN, 106.5))
                .withMessageContaining("latitude");
        assertThat(GeoPoint.ofLonLat(106.5770, 29.5575)).isEqualTo(new GeoPoint(29.5575, 106.5770));
    }

    @Test
    void stopsLoadingWhenADistrictHasNoBoundary() {
        String onlyYuzhong = """
                {"type": "FeatureCollection", "features": [{"type": "Feature",
                  "properties": {"code": "500103", "name": "渝中区"},
                  "geometry": {"type": "Polygon", "coordinates": [[[106.5, 29.5], [106.6, 29.5], [106.6, 29.6], [106.5, 29.5]]]}}]}
                """;

        assertThatIllegalStateException().isThrownBy(() -> new DistrictLocator(DIVISIONS, geoJson(onlyYuzhong)))
                .withMessageContaining("no boundary for districts [500101, 500102");
    }

    @Test
    void stopsLoadingOnAFeatureForAnUnknownDistrictOrOfTheWrongType() {
        String unknown = """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "510100"},
                  "geometry": {"type": "Polygon", "coordinates": [[[104, 30], [104.1, 30], [104.1, 30.1], [104, 30]]]}}]}
                """;
        String point = """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "500103"},
                  "geometry": {"type": "Point", "coordinates": [106.5, 29.5]}}]}
                """;

        assertThatIllegalStateException().isThrownBy(() -> new DistrictLocator(DIVISIONS, geoJson(unknown)))
                .withMessageContaining("feature 0 (code '510100'): not a district");
        assertThatIllegalStateException().isThrownBy(() -> new DistrictLocator(DIVISIONS, geoJson(point)))
                .withMessageContaining("must be a Polygon or MultiPolygon, was 'Point'");
        assertThatIllegalStateException().isThrownBy(() -> new DistrictLocator(DIVISIONS, geoJson("[1, 2]")))
                .withMessageContaining("not a GeoJSON FeatureCollection");
    }

    private static ByteArrayResource geoJson(String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "test.geojson";
            }
        };
    }
}
