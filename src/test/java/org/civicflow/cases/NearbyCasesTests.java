package org.civicflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hotspot check's read of earlier requests nearby: the newest ones, and only as many as it asks for. */
@CivicflowTest
class NearbyCasesTests {

    /** 北碚区 天生街道, a district no other test class submits to. */
    private static final String DISTRICT = "500109";
    private static final double LAT = 29.8057, LON = 106.3973;

    @Autowired
    CaseService cases;
    @Autowired
    DataSource dataSource;

    @Test
    void theNewestRequestsNearbyAreReadFromTheIndexWithoutReadingTheWholeWeek() {
        OffsetDateTime from = OffsetDateTime.now().minusDays(7);
        List<String> keys = IntStream.range(0, 80).mapToObj(i -> submitted("air-pollution", LAT, LON)).toList();
        submitted("air-pollution", LAT + 0.1, LON); // some 11 km north: outside the box
        submitted("noise", LAT, LON);
        Instant reportedAt = Instant.parse("2026-11-30T08:00:00Z");
        cases.markHotspot(keys.get(40), keys.get(35), reportedAt);

        List<NearbyCase> nearby = cases.locatedCases("air-pollution", DISTRICT, from,
                OffsetDateTime.now().plusMinutes(1), LAT, LON, 500, 50);

        assertThat(nearby).extracting(NearbyCase::businessKey).as("the newest 50, oldest first")
                .containsExactlyElementsOf(keys.subList(30, 80));
        assertThat(nearby).filteredOn(c -> c.hotspotReportedBy() != null).singleElement().satisfies(c -> {
            assertThat(c.businessKey()).isEqualTo(keys.get(40));
            assertThat(c.hotspotReportedBy()).isEqualTo(keys.get(35));
            assertThat(c.hotspotReportedAt().toInstant()).isEqualTo(reportedAt);
        });
        String plan = JdbcClient.create(dataSource).sql("EXPLAIN ANALYZE " + CaseRepository.LOCATED_CASES)
                .param("category", "air-pollution").param("from", from).param("to", OffsetDateTime.now().plusMinutes(1))
                .param("district", DISTRICT).param("minLat", LAT - 0.01).param("maxLat", LAT + 0.01)
                .param("minLon", LON - 0.01).param("maxLon", LON + 0.01).param("limit", 50)
                .query(String.class).single();
        // 81 requests of the category in the district this week: the newest (outside the box) and the 50 are read
        assertThat(plan).contains("CF_CASE_NEARBY_IDX").contains("index sorted").contains("scanCount: 51 ");
    }

    private String submitted(String category, double lat, double lon) {
        String key = cases.newBusinessKey();
        cases.create(new NewCase(key, category, "nearby test", lat, lon, null, null,
                new CaseRecord.Reporter(null, null, null), "web", null), "test");
        cases.assignJurisdiction(key, DISTRICT, null);
        return key;
    }
}
