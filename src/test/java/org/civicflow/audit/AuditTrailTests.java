package org.civicflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.CivicflowTest;
import org.civicflow.cases.CaseRecord;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The audit trail inside the running application: what gets recorded, by whom, and the supervisors' endpoints. */
@CivicflowTest
class AuditTrailTests {

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail trail;
    @Autowired
    IntakeService intake;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void recordingCannotBeSwitchedOffWithoutTheBenchmarkProperty() {
        assertThatThrownBy(() -> trail.setRecordingForBenchmark(false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("civicflow.audit.benchmark-switch");
        assertThat(trail.recording()).isTrue();
    }

    @Test
    void aSubmittedCaseLeavesItsEventsAndTheRuleEvaluationInTheTrail() {
        CaseRecord c = submit();

        List<AuditEntry> entries = trail.ofCase(c.businessKey()).entries();

        assertThat(entries).extracting(AuditEntry::action).containsSubsequence(
                "CASE_SUBMITTED", "RULES_EVALUATED", "CASE_ROUTED", "CASE_STATUS_CHANGED");
        AuditEntry rules = entries.stream().filter(e -> e.action().equals("RULES_EVALUATED")).findFirst().orElseThrow();
        assertThat(rules.processInstanceId()).isEqualTo(c.processInstanceId());
        assertThat(rules.details()).contains("\"area\":\"routing\"").contains("\"firedRules\":[\"")
                .contains("\"version\":\"");
        // the escalation check at intake runs outside the process, and names the case itself
        assertThat(entries).filteredOn(e -> e.action().equals("RULES_EVALUATED"))
                .filteredOn(e -> e.details().contains("\"area\":\"escalation\""))
                .singleElement().satisfies(e -> assertThat(e.details()).contains(c.businessKey()));
        AuditEntry dispatched = entries.stream().filter(e -> e.action().equals("CASE_STATUS_CHANGED"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(dispatched.office()).isEqualTo("500103003-handler");
        assertThat(dispatched.details()).contains("\"toStatus\":\"DISPATCHED\"");
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void concurrentWritersMakeOneChainWithoutForks() throws Exception {
        long before = trail.verify().entries();
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                writers.add(() -> {
                    for (int i = 0; i < each; i++) {
                        trail.record(new AuditEvent("TEST_CONCURRENT", "writer-" + writer, null, null, null,
                                Map.of("writer", writer, "i", i)));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        ChainVerification result = trail.verify();
        assertThat(result.valid()).as(result.problem()).isTrue();
        assertThat(result.entries()).isEqualTo(before + threads * each);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) - COUNT(DISTINCT prev_hash) FROM cf_audit_entry", Long.class))
                .isZero();
    }

    @Test
    void aClaimAndCompletionThroughTheEngineRestApiAreRecordedWithTheUser() {
        CaseRecord c = submit();
        Task signFor = tasks.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult();

        engineRest("500103003-handler").post().uri("/engine-rest/task/{id}/claim", signFor.getId())
                .contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"500103003-handler\"}")
                .retrieve().toBodilessEntity();
        engineRest("500103003-handler").post().uri("/engine-rest/task/{id}/complete", signFor.getId())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"variables\":{\"signForDecision\":{\"value\":\"sign\",\"type\":\"String\"}}}")
                .retrieve().toBodilessEntity();

        List<AuditEntry> entries = trail.ofProcessInstance(c.processInstanceId());
        AuditEntry claim = entries.stream().filter(e -> e.action().equals(AuditActions.USER_OPERATION)
                && e.details().contains("\"operationType\":\"Claim\"")).findFirst().orElseThrow();
        assertThat(claim.actor()).isEqualTo("500103003-handler");
        assertThat(claim.office()).isEqualTo("500103003-handler");
        assertThat(claim.businessKey()).isEqualTo(c.businessKey());
        assertThat(claim.details()).contains("\"taskId\":\"" + signFor.getId() + "\"")
                .contains("{\"newValue\":\"500103003-handler\",\"orgValue\":null,\"property\":\"assignee\"}");
        assertThat(entries).filteredOn(e -> e.action().equals(AuditActions.USER_OPERATION))
                .extracting(AuditEntry::details).anySatisfy(d -> assertThat(d).contains("\"operationType\":\"Complete\""));
        assertThat(entries).filteredOn(e -> e.action().equals(AuditActions.VARIABLE_SET))
                .anySatisfy(e -> {
                    assertThat(e.actor()).isEqualTo("500103003-handler");
                    assertThat(e.details()).contains("\"name\":\"signForDecision\"").contains("\"value\":\"sign\"");
                });
        assertThat(entries).filteredOn(e -> e.action().equals("CASE_STATUS_CHANGED"))
                .anySatisfy(e -> assertThat(e.actor()).isEqualTo("500103003-handler"));
    }

    @Test
    void webappLoginsAreRecordedWhetherTheySucceedOrNot() {
        // (a wrong password makes Camunda hold that user back for a while: one user per purpose)
        int ok = login("500103-supervisor", "demo");
        int refused = login("500108-supervisor", "wrong");

        assertThat(ok).isEqualTo(200);
        assertThat(refused).isIn(401, 403);
        List<AuditEntry> logins = jdbc.query("SELECT * FROM cf_audit_entry WHERE action LIKE 'LOGIN_%' ORDER BY seq",
                AuditLedger.ROW);
        assertThat(logins).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditActions.LOGIN_SUCCEEDED);
            assertThat(e.actor()).isEqualTo("500103-supervisor");
            assertThat(e.details()).contains("\"app\":\"tasklist\"");
        });
        assertThat(logins).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditActions.LOGIN_FAILED);
            assertThat(e.actor()).isEqualTo("500108-supervisor");
            assertThat(e.details()).doesNotContain("wrong");
        });
    }

    @Test
    void verifyingIsForSupervisorsAndAdministrators() throws Exception {
        trail.record(AuditEvent.of("TEST_ENTRY", null, Map.of("purpose", "something to verify")));
        assertThat(status(http().get().uri("/api/v1/audit/verify"))).isEqualTo(401);
        assertThat(status(http().get().uri("/api/v1/audit/verify").header(HttpHeaders.AUTHORIZATION, basic("500109-supervisor", "nope"))))
                .isEqualTo(401);
        assertThat(status(http().get().uri("/api/v1/audit/verify").header(HttpHeaders.AUTHORIZATION, basic("500103003-handler", "demo"))))
                .isEqualTo(403);

        for (String user : List.of("500103-supervisor", "demo")) {
            JsonNode result = json.readTree(http().get().uri("/api/v1/audit/verify")
                    .header(HttpHeaders.AUTHORIZATION, basic(user, "demo")).retrieve().body(String.class));
            assertThat(result.get("valid").asBoolean()).isTrue();
            assertThat(result.get("entries").asLong()).isPositive();
            assertThat(result.get("head").asText()).hasSize(64);
            assertThat(result.has("firstBrokenSeq")).isTrue();
            assertThat(result.get("firstBrokenSeq").isNull()).isTrue();
        }
    }

    @Test
    void anExportedTrailVerifiesWithNothingButSha256() throws Exception {
        CaseRecord c = submit();

        JsonNode export = json.readTree(http().get().uri("/api/v1/cases/{key}/audit", c.businessKey())
                .header(HttpHeaders.AUTHORIZATION, basic("500000-supervisor", "demo")).retrieve().body(String.class));

        JsonNode entries = export.get("entries");
        assertThat(entries.size()).isGreaterThanOrEqualTo(4);
        assertThat(export.get("chainHead").get("seq").asLong()).isGreaterThanOrEqualTo(entries.get(entries.size() - 1).get("seq").asLong());
        long previousSeq = -1;
        String previousHash = null;
        for (JsonNode e : entries) {
            // the independent verifier: SHA-256 over prevHash and the canonical text, as hex
            String computed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (e.get("prevHash").asText() + e.get("canonical").asText()).getBytes(StandardCharsets.UTF_8)));
            assertThat(computed).isEqualTo(e.get("hash").asText());
            if (e.get("seq").asLong() == previousSeq + 1) {
                assertThat(e.get("prevHash").asText()).isEqualTo(previousHash);
            }
            // and the canonical text says what the export shows
            JsonNode canonical = json.readTree(e.get("canonical").asText());
            for (String field : List.of("seq", "timestamp", "actor", "office", "businessKey", "processInstanceId", "action", "details")) {
                assertThat(canonical.get(field)).as(field).isEqualTo(e.get(field));
            }
            previousSeq = e.get("seq").asLong();
            previousHash = e.get("hash").asText();
        }
        assertThat(trail.ofCase(c.businessKey()).entries()).extracting(AuditEntry::action).last()
                .isEqualTo(AuditActions.AUDIT_EXPORTED);
    }

    @Test
    void anExportAsCsvCarriesTheHashedTextAndTheChainHead() throws Exception {
        CaseRecord c = submit();

        var response = http().get().uri("/api/v1/cases/{key}/audit?format=csv", c.businessKey())
                .header(HttpHeaders.AUTHORIZATION, basic("demo", "demo")).retrieve().toEntity(String.class);

        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForMapOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(response.getBody()).readAll();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4).allSatisfy(row -> {
            assertThat(AuditEntry.hash(row.get("prev_hash"), row.get("canonical"))).isEqualTo(row.get("hash"));
            assertThat(row.get("canonical")).contains("\"details\":" + row.get("details"));
            assertThat(row.get("chain_head_hash")).isEqualTo(response.getHeaders().getFirst("X-Audit-Chain-Head"));
        });
    }

    @Test
    void anUnknownCaseHasNoTrail() {
        assertThat(status(http().get().uri("/api/v1/cases/CQ-1999-000001/audit")
                .header(HttpHeaders.AUTHORIZATION, basic("demo", "demo")))).isEqualTo(404);
    }

    // helpers

    CaseRecord submit() {
        return intake.submit(new Submission("noise", "audit test", new Submission.Location(29.5575, 106.5770), null,
                "渝中区解放碑街道民族路188号", new Submission.Reporter("张三", "13800000000", null), "hotline", null, Map.of()),
                "test");
    }

    /** As the login page does it: fetch the page for the CSRF cookie, then post the form with the token. */
    private int login(String user, String password) {
        var page = http().get().uri("/camunda/app/tasklist/default/").retrieve().toBodilessEntity();
        String cookie = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        String token = cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';'));
        String session = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", password);
        return http().post().uri("/camunda/api/admin/auth/user/default/login/tasklist")
                .header(HttpHeaders.COOKIE, "XSRF-TOKEN=" + token + (session.isEmpty() ? "" : "; " + session))
                .header("X-XSRF-TOKEN", token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((req, res) -> res.getStatusCode().value());
    }

    private RestClient engineRest(String user) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, basic(user, "demo")).build();
    }

    private RestClient http() {
        return RestClient.create("http://localhost:" + port);
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, res) -> res.getStatusCode().value());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
