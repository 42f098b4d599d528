package org.civicflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civicflow.CivicflowTest;
import org.civicflow.intake.HeldTurns;
import org.civicflow.intake.IntakeAdmission;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A submission that finds every intake turn taken for longer than the max wait is answered 503 with Retry-After, in
 * the API's and in Open311's error format, and nothing of it is stored; the retry with the same Idempotency-Key, once
 * a turn is free, creates the case.
 */
@CivicflowTest
class IntakeBusyApiTests {

    static final String BODY = """
            {"category":"streetlight","description":"路灯不亮 (busy intake)","divisionCode":"500103003","channel":"hotline"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    IntakeAdmission admission;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    IntakeService intake;
    @Value("${civicflow.intake.admission.concurrency}")
    int concurrency;

    record Reply(int status, HttpHeaders headers, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws Exception {
            return new ObjectMapper().readValue(body, Map.class);
        }
    }

    @Test
    void aSubmissionTurnedAwayWhileTheIntakeIsBusyStoresNothingAndItsRetryIsTakenIn() throws Exception {
        String key = "busy-" + UUID.randomUUID();
        int casesBefore = cases();
        try (HeldTurns held = new HeldTurns(admission, concurrency)) {
            assertThat(running()).isEqualTo(concurrency);

            Reply api = postJson(key);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.headers().getFirst("Retry-After")).isEqualTo("3");
            assertThat(api.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(api.json()).containsEntry("status", 503)
                    .containsEntry("type", "https://civicflow.org/problems/intake-busy")
                    .containsEntry("errors", List.of());
            assertThat((String) api.json().get("detail")).contains("nothing was stored", "Idempotency-Key");

            Reply open311 = postOpen311();
            assertThat(open311.status()).isEqualTo(503);
            assertThat(open311.headers().getFirst("Retry-After")).isEqualTo("3");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors = new ObjectMapper().readValue(open311.body(), List.class);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).containsEntry("code", 503);
            assertThat((String) errors.get(0).get("description")).contains("nothing was stored");

            assertThat(cases()).isEqualTo(casesBefore);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cf_idempotency_key WHERE idempotency_key = ?",
                    Integer.class, key)).isZero();
        }
        assertThat(running()).isZero();

        Reply retried = postJson(key);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(cases()).isEqualTo(casesBefore + 1);
        assertThat(postJson(key).status()).as("and a second retry finds that case").isEqualTo(200);
    }

    @Test
    void anIntakesTurnEndsWithItsTransactionBeforeTheWaitForTheFile() {
        double runningAfterTheCommit = admission.admit(() -> {
            intake.submit(new Submission("streetlight", "路灯不亮 (turn test)", null, "500103003", null, null, "hotline",
                    null, Map.of()), "test");
            return meters.get("civicflow.intake.running").gauge().value();
        });

        assertThat(runningAfterTheCommit).isZero();
        assertThat(running()).isZero();
    }

    private int running() {
        return (int) meters.get("civicflow.intake.running").gauge().value();
    }

    private int cases() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cf_case", Integer.class);
    }

    private Reply postJson(String idempotencyKey) {
        return exchange(ApiClients.demoClient(port).post().uri("/api/v1/cases").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).body(BODY.getBytes(StandardCharsets.UTF_8)));
    }

    private Reply postOpen311() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("api_key", ApiClients.DEMO_OPEN311_KEY);
        form.add("service_code", "streetlight");
        form.add("description", "路灯不亮 (busy intake, Open311)");
        form.add("address_string", "渝中区解放碑街道民族路188号");
        return exchange(RestClient.create("http://localhost:" + port).post().uri("/open311/v2/requests.json")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form));
    }

    private static Reply exchange(RestClient.RequestHeadersSpec<?> spec) {
        return spec.exchange((req, res) -> new Reply(res.getStatusCode().value(), res.getHeaders(),
                new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }
}
