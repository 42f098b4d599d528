package org.civicflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

@CivicflowTest
class CaseApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSubmittedCaseIsCreatedWithItsLocationAndTimeline() {
        ResponseEntity<Map> response = http().post().uri("/api/v1/cases").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"category":"noise","description":"广场舞音响太吵","location":{"lat":29.5575,"lon":106.5770},
                         "address":"渝中区解放碑街道民族路188号","reporter":{"name":"张三","phone":"13800000000"},"channel":"web"}
                        """)
                .retrieve().toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        String key = (String) response.getBody().get("businessKey");
        assertThat(key).matches("CQ-\\d{4}-\\d{6}");
        assertThat(response.getHeaders().getLocation()).hasPath("/api/v1/cases/" + key);
        assertThat(response.getBody()).containsEntry("status", "DISPATCHED").containsEntry("office", "500103003-handler")
                .containsEntry("slaClass", "complaint").containsEntry("districtCode", "500103");

        Map<?, ?> read = http().get().uri("/api/v1/cases/{key}", key).retrieve().body(Map.class);
        assertThat((List<?>) read.get("events")).hasSize(3);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStored() {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM cf_case", Integer.class);

        ResponseEntity<Map> response = http().post().uri("/api/v1/cases").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"category":"parking","description":"","location":{"lat":129.5,"lon":106.5},"channel":"fax",
                         "reporter":{"email":"not-an-address"}}
                        """)
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).headers(res.getHeaders())
                        .body(res.bodyTo(Map.class)));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((List<Map<String, String>>) response.getBody().get("errors")).extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("category", "description", "location.lat", "channel", "reporter.email");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cf_case", Integer.class)).isEqualTo(before);
    }

    @Test
    void anUnknownCaseIsA404Problem() {
        int status = http().get().uri("/api/v1/cases/CQ-1999-000001").exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(404);
    }

    private RestClient http() {
        return RestClient.create("http://localhost:" + port);
    }
}
