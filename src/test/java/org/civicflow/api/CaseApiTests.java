package org.civicflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.CivicflowTest;
import org.civicflow.cases.CaseService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** /api/v1 over real HTTP: every endpoint, and every kind of bad input refused with problem details. */
@CivicflowTest
class CaseApiTests {

    static final String NOISE_IN_JIEFANGBEI = """
            {"category":"noise","description":"广场舞音响太吵","location":{"lat":29.5575,"lon":106.5770},
             "address":"渝中区解放碑街道民族路188号","reporter":{"name":"张三","phone":"13800000000"},"channel":"web"}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotentIntake idempotentIntake;
    @Autowired
    TaskService tasks;

    /** What came back: status, headers and the JSON body as a map (null if none). */
    record Reply(int status, HttpHeaders headers, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) body.get("errors");
        }

        List<Object> fields() {
            return errors().stream().map(e -> e.get("field")).toList();
        }
    }

    @Test
    void aSubmittedCaseIsCreatedWithItsOfficeDeadlinesAndTimeline() {
        Reply created = post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, null);

        assertThat(created.status()).isEqualTo(201);
        String key = (String) created.body().get("businessKey");
        assertThat(key).matches("CQ-\\d{4}-\\d{6}");
        assertThat(created.headers().getLocation()).hasPath("/api/v1/cases/" + key);
        assertThat(created.body()).containsEntry("status", "DISPATCHED").containsEntry("slaClass", "complaint")
                .containsEntry("districtCode", "500103").containsEntry("phase", "OPEN")
                .containsEntry("escalations", List.of()).containsEntry("linkedCases", List.of())
                .doesNotContainKey("responseLevel");
        assertThat(created.body().get("office")).isEqualTo(Map.of("code", "500103003-handler", "name", "渝中区解放碑街道"));

        Reply read = get("/api/v1/cases/" + key);
        assertThat(read.status()).isEqualTo(200);
        // the first three entries are the case's own; noise at 解放碑 from other tests may add hotspot events after them
        assertThat((List<Map<String, Object>>) read.body().get("events")).extracting(e -> e.get("type"))
                .startsWith("SUBMITTED", "ROUTED", "STATUS_CHANGED");
        assertThat((List<Map<String, Object>>) read.body().get("deadlines"))
                .anySatisfy(d -> assertThat(d).containsEntry("stage", "handling").containsEntry("projected", true));
        // the open sign-for task's due date, as the engine holds it, in the city's time zone
        Task signFor = tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
        assertThat(signFor.getTaskDefinitionKey()).isEqualTo("UserTask_SignFor");
        assertThat((List<Map<String, Object>>) read.body().get("deadlines"))
                .anySatisfy(d -> assertThat(d).containsEntry("stage", "UserTask_SignFor").containsEntry("projected", false)
                        .containsEntry("due", signFor.getDueDate().toInstant().atZone(CaseService.ZONE).toOffsetDateTime()
                                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        assertThat((List<Map<String, Object>>) created.body().get("deadlines")).isEqualTo(read.body().get("deadlines"));
        assertThat(((List<Map<String, Object>>) read.body().get("events")).get(0)).containsEntry("actor", "demo-client")
                .containsEntry("type", "SUBMITTED");
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStored() {
        int before = caseCount();

        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"category":"parking","description":"","location":{"lat":129.5,"lon":106.5},"channel":"fax",
                 "reporter":{"email":"not-an-address"}}
                """, null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.fields()).containsExactlyInAnyOrder("category", "description", "location.lat", "channel", "reporter.email");
        assertThat(caseCount()).isEqualTo(before);
    }

    @Test
    void coordinatesOutsideChongqingAreRefused() {
        // Chengdu: a valid point on earth, but not in the city's extent
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"category":"noise","description":"太吵","location":{"lat":30.66,"lon":104.06},"channel":"web"}
                """, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactly("location.lon");
    }

    @Test
    void aDescriptionOverFourThousandCharactersIsRefused() {
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"category":"noise","description":"%s","divisionCode":"500103003","channel":"web"}
                """.formatted("吵".repeat(4001)), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactly("description");
    }

    @Test
    void unknownAttributesAndValuesOutsideTheirListAreRefused() {
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"category":"heat-relief","description":"独居老人家里没有空调","divisionCode":"500103003","channel":"hotline",
                 "attributes":{"vulnerable":"teenager","colour":"red","dangerToLife":true}}
                """, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactlyInAnyOrder("attributes.vulnerable", "attributes.colour");

        Reply ok = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"category":"heat-relief","description":"独居老人家里没有空调","divisionCode":"500103003","channel":"hotline",
                 "attributes":{"vulnerable":"elderly-alone","dangerToLife":"true"}}
                """, null);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body()).containsEntry("slaClass", "emergency");
    }

    @Test
    void malformedJsonIsA400ProblemNamingTheBody() {
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, "{\"category\":\"noise\",", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.fields()).containsExactly("body");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"category":"noise","description":"太吵","location":{"lat":"north","lon":106.5},"channel":"web"}
                """, null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactly("location.lat");
    }

    @Test
    void anEmptyBodyIsA400() {
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, "", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactly("body");
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        Reply reply = post("/api/v1/cases", MediaType.TEXT_PLAIN, "category=noise", null);
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.fields()).containsExactly("Content-Type");
    }

    @Test
    void aBodyOverOneMegabyteIsA413AndNothingIsStored() {
        int before = caseCount();
        String huge = "{\"category\":\"noise\",\"description\":\"" + "x".repeat(1_100_000) + "\",\"channel\":\"web\"}";
        Reply reply = post("/api/v1/cases", MediaType.APPLICATION_JSON, huge, null);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.fields()).containsExactly("body");
        assertThat(caseCount()).isEqualTo(before);
    }

    @Test
    void anUnknownCaseIsA404Problem() {
        Reply reply = get("/api/v1/cases/CQ-1999-000001");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.fields()).containsExactly("businessKey");
    }

    @Test
    void callersWithoutApiClientCredentialsAreRefused() {
        assertThat(exchange(ApiClients.anonymous(port).get().uri("/api/v1/cases")).status()).isEqualTo(401);
        Reply wrongPassword = exchange(RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("demo-client", "wrong")).build().get().uri("/api/v1/cases"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        // a clerk is a Camunda user, but not an API client
        Reply clerk = exchange(RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("500103-dispatch", "demo")).build().get().uri("/api/v1/cases"));
        assertThat(clerk.status()).isEqualTo(401);
        Reply badKey = exchange(ApiClients.anonymous(port).get().uri("/api/v1/cases").header("X-API-Key", "guess"));
        assertThat(badKey.status()).isEqualTo(401);
    }

    @Test
    void anApiKeyAuthenticatesTheClient() {
        Reply reply = exchange(ApiClients.anonymous(port).post().uri("/api/v1/cases")
                .header("X-API-Key", ApiClients.DEMO_API_KEY).contentType(MediaType.APPLICATION_JSON).body(NOISE_IN_JIEFANGBEI));
        assertThat(reply.status()).isEqualTo(201);
        Reply read = get("/api/v1/cases/" + reply.body().get("businessKey"));
        assertThat(((List<Map<String, Object>>) read.body().get("events")).get(0)).containsEntry("actor", "demo-client");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAndBodyGivesTheOriginalCase() {
        String key = UUID.randomUUID().toString();
        Reply first = post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, key);
        // the same request, written differently
        Reply retry = post("/api/v1/cases", MediaType.APPLICATION_JSON, """
                {"channel":"web","reporter":{"phone":"13800000000","name":"张三"},"address":"渝中区解放碑街道民族路188号",
                 "location":{"lon":106.5770,"lat":29.5575},"description":"广场舞音响太吵","category":"noise"}""", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("businessKey")).isEqualTo(first.body().get("businessKey"));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, key);
        int before = caseCount();

        Reply other = post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI.replace("太吵", "很吵"), key);

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.fields()).containsExactly("Idempotency-Key");
        assertThat(caseCount()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyOlderThanItsTimeToLiveIsFreeAgainAndPurged() {
        String key = UUID.randomUUID().toString();
        Reply first = post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, key);
        ageKey(key, Duration.ofHours(25));

        Reply other = post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI.replace("太吵", "很吵"), key);

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.body().get("businessKey")).isNotEqualTo(first.body().get("businessKey"));

        String stale = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, stale);
        post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, fresh);
        ageKey(stale, Duration.ofHours(25));
        ageKey(fresh, Duration.ofHours(23));

        assertThat(idempotentIntake.purgeExpiredKeys()).isPositive();
        assertThat(jdbc.queryForList("SELECT idempotency_key FROM cf_idempotency_key WHERE idempotency_key IN (?, ?, ?)",
                String.class, key, stale, fresh)).containsExactlyInAnyOrder(key, fresh);
    }

    private void ageKey(String key, Duration age) {
        jdbc.update("UPDATE cf_idempotency_key SET created_at = ? WHERE idempotency_key = ?",
                OffsetDateTime.now().minus(age), key);
    }

    @Test
    void twentyConcurrentPostsWithOneIdempotencyKeyCreateOneCase() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = caseCount();
        List<Reply> replies = concurrentSubmissions(20, key);

        assertThat(replies).extracting(Reply::status).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(replies).extracting(r -> r.body().get("businessKey")).containsOnly(replies.get(0).body().get("businessKey"));
        assertThat(caseCount()).isEqualTo(before + 1);
    }

    @Test
    void moreConcurrentSubmissionsThanPooledConnectionsAreAllStored() throws Exception {
        // 24 requests at once against a pool of 10 connections: an intake must never hold one connection while
        // waiting for a second, or all ten end up held by requests that wait for each other.
        int before = caseCount();
        List<Reply> replies = concurrentSubmissions(24, null);

        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies).extracting(r -> r.body().get("businessKey")).doesNotHaveDuplicates();
        assertThat(caseCount()).isEqualTo(before + 24);
    }

    @Test
    void casesAreListedNewestFirstWithFiltersAndPaging() {
        String first = (String) post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, null).body().get("businessKey");
        String second = (String) post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, null).body().get("businessKey");

        Reply page = get("/api/v1/cases?category=noise&office=500103003-handler&status=DISPATCHED,IN_PROGRESS&from=2020-01-01&size=2&page=0");
        assertThat(page.status()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) page.body().get("items")).extracting(i -> i.get("businessKey"))
                .containsExactly(second, first);
        assertThat(((Number) page.body().get("totalItems")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(page.body()).containsEntry("size", 2).containsEntry("page", 0);

        Reply open = get("/api/v1/cases?status=open&category=noise&size=200");
        assertThat((List<Map<String, Object>>) open.body().get("items")).extracting(i -> i.get("businessKey")).contains(first, second);

        Reply none = get("/api/v1/cases?category=noise&to=2020-01-01");
        assertThat(none.body()).containsEntry("totalItems", 0).containsEntry("items", List.of());
    }

    @Test
    void unusableListFiltersAreRefusedFieldByField() {
        Reply reply = get("/api/v1/cases?status=LOST&category=parking&from=yesterday&size=1000&page=-1");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactlyInAnyOrder("status", "category", "from", "size", "page");
    }

    @Test
    void anUpdateFromTheCitizenGoesOnTheTimelineAndIntoTheProcess() {
        String key = (String) post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, null).body().get("businessKey");

        Reply update = post("/api/v1/cases/" + key + "/updates", MediaType.APPLICATION_JSON,
                "{\"message\":\"每晚八点到十点 Every night 8 to 10 pm\",\"source\":\"citizen\",\"author\":\"张三\"}", null);

        assertThat(update.status()).isEqualTo(201);
        assertThat(update.body()).containsEntry("type", "INFO_ADDED").containsEntry("actor", "demo-client");
        assertThat((List<Map<String, Object>>) get("/api/v1/cases/" + key).body().get("events"))
                .anySatisfy(e -> assertThat((String) e.get("reason")).contains("Every night 8 to 10 pm"));
        String pi = jdbc.queryForObject("SELECT process_instance_id FROM cf_case WHERE business_key = ?", String.class, key);
        Reply variable = exchange(RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("demo", "demo")).build()
                .get().uri("/engine-rest/process-instance/{id}/variables/caseUpdates?deserializeValue=false", pi));
        assertThat(String.valueOf(variable.body().get("value"))).contains("Every night 8 to 10 pm");
    }

    @Test
    void anUpdateNeedsAMessageAndAnExistingCase() {
        assertThat(post("/api/v1/cases/CQ-1999-000001/updates", MediaType.APPLICATION_JSON, "{\"message\":\"hi\"}", null).status())
                .isEqualTo(404);
        String key = (String) post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, null).body().get("businessKey");
        Reply reply = post("/api/v1/cases/" + key + "/updates", MediaType.APPLICATION_JSON, "{\"message\":\" \",\"source\":\"fax\"}", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactlyInAnyOrder("message", "source");
    }

    @Test
    void slaMetricsAreGivenPerOffice() {
        post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, null);

        Reply reply = get("/api/v1/metrics/sla?office=500103003-handler&from=" + java.time.LocalDate.now().minusDays(7));

        assertThat(reply.status()).isEqualTo(200);
        List<Map<String, Object>> offices = (List<Map<String, Object>>) reply.body().get("offices");
        assertThat(offices).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("office", "500103003-handler").containsEntry("officeName", "渝中区解放碑街道");
            assertThat(((Number) o.get("dispatched")).intValue()).isPositive();
        });
        assertThat(get("/api/v1/metrics/sla?from=soon").fields()).containsExactly("from");
    }

    @Test
    void aTestCapAlertIsRecordedAndReportedButChangesNoCase() throws Exception {
        byte[] alert = new ClassPathResource("cap/heat-test.xml").getContentAsByteArray();

        Reply reply = exchange(ApiClients.demoClient(port).post().uri("/api/v1/alerts")
                .contentType(MediaType.parseMediaType("application/cap+xml")).body(alert));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).containsEntry("live", false).containsEntry("escalated", 0);
        assertThat(reply.body().get("alertId")).isNotNull();
    }

    @Test
    void aFireWithPeopleTrappedInACrowdedPlaceOpensALevelIIIncident() {
        Reply reply = post("/api/v1/incidents", MediaType.APPLICATION_JSON, """
                {"type":"fire","divisionCode":"500103003","description":"商场三楼起火，有人被困 fire in a mall, people trapped",
                 "source":"119","peopleTrapped":true,"crowdedPlace":true,"floors":6}
                """, null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).containsEntry("responseLevel", "II");
        assertThat(reply.body().get("incidentId")).isNotNull();
    }

    @Test
    void anIncidentReportIsCheckedFieldByField() {
        Reply reply = post("/api/v1/incidents", MediaType.APPLICATION_JSON, """
                {"type":"meteor","divisionCode":"5001","reportedLevel":"V"}
                """, null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactlyInAnyOrder("type", "divisionCode", "reportedLevel");
    }

    @Test
    void aCapAlertWithADoctypeIsRefusedAsHostile() {
        String xxe = """
                <?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>""";
        Reply reply = exchange(ApiClients.demoClient(port).post().uri("/api/v1/alerts")
                .contentType(MediaType.APPLICATION_XML).body(xxe.getBytes(StandardCharsets.UTF_8)));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.fields()).containsExactly("alert");
        assertThat(reply.errors().get(0).get("message").toString()).contains("DOCTYPE");
    }

    @Test
    void alertsAndIncidentsRefuseTheWrongContentType() {
        assertThat(post("/api/v1/alerts", MediaType.APPLICATION_JSON, "{}", null).status()).isEqualTo(415);
        assertThat(post("/api/v1/incidents", MediaType.APPLICATION_XML, "<a/>", null).status()).isEqualTo(415);
        assertThat(post("/api/v1/incidents", MediaType.APPLICATION_JSON, "[1,", null).status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDescriptionAndSwaggerUiAreServed() throws Exception {
        Reply docs = exchange(ApiClients.anonymous(port).get().uri("/api/openapi"));
        assertThat(docs.status()).isEqualTo(200);
        assertThat((Map<String, Object>) docs.body().get("paths")).containsKeys("/api/v1/cases", "/api/v1/cases/{businessKey}",
                "/api/v1/cases/{businessKey}/updates", "/api/v1/metrics/sla", "/api/v1/alerts", "/api/v1/incidents",
                "/open311/v2/services.{format}", "/open311/v2/requests.{format}");
        var browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
        var ui = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/docs")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger-ui");
    }

    /** The same noise request, sent {@code n} times at once (with the idempotency key, if not null). */
    private List<Reply> concurrentSubmissions(int n, String idempotencyKey) throws Exception {
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> post("/api/v1/cases", MediaType.APPLICATION_JSON, NOISE_IN_JIEFANGBEI, idempotencyKey));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Reply> replies = new ArrayList<>();
        try {
            for (Future<Reply> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return replies;
    }

    private int caseCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cf_case", Integer.class);
    }

    private Reply get(String uri) {
        return exchange(ApiClients.demoClient(port).get().uri(uri));
    }

    private Reply post(String uri, MediaType type, String body, String idempotencyKey) {
        RestClient.RequestBodySpec spec = ApiClients.demoClient(port).post().uri(uri).contentType(type);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(spec.body(body.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Reply exchange(RestClient.RequestHeadersSpec<?> spec) {
        return spec.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            Map<String, Object> body = bytes.length == 0 ? null
                    : new com.fasterxml.jackson.databind.ObjectMapper().readValue(bytes, Map.class);
            return new Reply(res.getStatusCode().value(), res.getHeaders(), body);
        });
    }
}
