package org.civicflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The dashboard endpoint over HTTP: who sees which districts, the figures against the tables, the case list. */
@CivicflowTest
class DashboardApiTests {

    @org.springframework.beans.factory.annotation.Autowired
    org.civicflow.escalation.AlertService alerts;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    record Reply(int status, Map<String, Object> body) {
    }

    @Test
    void nobodyLoggedInIs401AndOfficesWithoutSupervisionAre403() throws Exception {
        assertThat(get(null, "/api/v1/dashboard/districts").status()).isEqualTo(401);
        assertThat(get("500103003-handler", "/api/v1/dashboard/districts").status()).isEqualTo(403);
        assertThat(get("500103-dispatch", "/api/v1/dashboard/districts").status()).isEqualTo(403);
        assertThat(get("demo-client", "/api/v1/dashboard/districts").status()).isEqualTo(403);
        assertThat(getAs("no-such-user", "wrong", "/api/v1/dashboard/districts").status()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWarningInForceIsShownOnItsDistrict() throws Exception {
        // 秀山 (500241): no other test works there, so the warning touches no other test's cases
        java.time.format.DateTimeFormatter cap = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8));
        alerts.receive("""
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>dashboard-test-%s</identifier><sender>cq-meteo@cma.gov.cn</sender><sent>%s</sent>
                  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
                  <info><category>Met</category><event>暴雨黄色预警 rainstorm yellow</event><urgency>Expected</urgency>
                    <severity>Moderate</severity><certainty>Likely</certainty><onset>%s</onset><expires>%s</expires>
                    <area><areaDesc>秀山县</areaDesc><geocode><valueName>divisionCode</valueName><value>500241</value></geocode></area>
                  </info>
                </alert>""".formatted(now.toEpochSecond(), cap.format(now), cap.format(now.minusMinutes(5)),
                cap.format(now.plusMinutes(30))).getBytes(StandardCharsets.UTF_8));

        Reply city = get("500000-supervisor", "/api/v1/dashboard/districts");

        Map<String, Object> xiushan = ((List<Map<String, Object>>) city.body().get("districts")).stream()
                .filter(d -> "500241".equals(d.get("code"))).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) xiushan.get("warnings")).singleElement()
                .satisfies(w -> assertThat(w).containsEntry("colour", "YELLOW").containsEntry("divisionCode", "500241"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDistrictSupervisorSeesOnlyTheirDistrictAndTheCitySupervisorAllThirtyEight() throws Exception {
        Reply district = get("500103-supervisor", "/api/v1/dashboard/districts");
        assertThat(district.status()).isEqualTo(200);
        assertThat(district.body()).containsEntry("scope", "district").containsEntry("user", "500103-supervisor");
        List<Map<String, Object>> districts = (List<Map<String, Object>>) district.body().get("districts");
        assertThat(districts).extracting(d -> d.get("code")).containsExactly("500103");
        assertThat((String) districts.get(0).get("path")).startsWith("M").endsWith("Z");

        Reply command = get("500103-command", "/api/v1/dashboard/districts");
        assertThat(command.status()).isEqualTo(200);
        assertThat((List<?>) command.body().get("districts")).hasSize(1);

        for (String cityWide : List.of("500000-supervisor", "500000-command", "demo")) {
            Reply city = get(cityWide, "/api/v1/dashboard/districts");
            assertThat(city.status()).as(cityWide).isEqualTo(200);
            assertThat(city.body()).containsEntry("scope", "city");
            assertThat((List<?>) city.body().get("districts")).hasSize(38);
        }

        assertThat(get("500103-supervisor", "/api/v1/dashboard/districts/500105/cases").status()).isEqualTo(403);
        assertThat(get("500103-supervisor", "/api/v1/dashboard/districts/500103/cases").status()).isEqualTo(200);
        assertThat(get("500000-supervisor", "/api/v1/dashboard/districts/999999/cases").status()).isEqualTo(404);
        assertThat(get("500000-supervisor", "/api/v1/dashboard/districts?from=tomorrow").status()).isEqualTo(400);
    }

    @Test
    void aCasesFiguresTakeAllTheEventsOfItsIntakeAtOnce() {
        String key = DashboardFixtures.yuzhongCase(port);

        // submitted, routed and dispatched in one transaction: one row, with what the last of those events left
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM cf_case_figures WHERE business_key = ?", key);
        assertThat(row).containsEntry("DISTRICT_CODE", "500103").containsEntry("OFFICE_GROUP", "500103003-handler")
                .containsEntry("IS_OPEN", true).containsEntry("BREACHES", 0);
        assertThat(row.get("SIGN_FOR_DUE_AT")).isNotNull();
        assertThat(row.get("SIGNED_AT")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void overdueAndEscalatedCasesAreCountedAndListedWithTheirLinks() throws Exception {
        String overdue = DashboardFixtures.yuzhongCase(port);
        String escalated = DashboardFixtures.yuzhongCase(port);
        DashboardFixtures.makeOverdue(jdbc, overdue);
        DashboardFixtures.markEscalated(jdbc, escalated);

        Map<String, Object> yuzhong = yuzhong(get("500000-supervisor", "/api/v1/dashboard/districts").body());
        long expectedOverdue = jdbc.queryForObject("SELECT COUNT(*) FROM cf_case_figures WHERE is_open = TRUE "
                + "AND district_code = '500103' AND replied_at IS NULL AND handling_due_at < ?", Long.class, OffsetDateTime.now());
        assertThat(((Number) yuzhong.get("overdue")).longValue()).isEqualTo(expectedOverdue).isGreaterThanOrEqualTo(1);
        assertThat(((Number) yuzhong.get("escalated")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) yuzhong.get("openCases")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) yuzhong.get("cases")).longValue()).isGreaterThanOrEqualTo(2);
        // the district supervisor sees the same figure
        assertThat(yuzhong(get("500103-supervisor", "/api/v1/dashboard/districts").body()).get("overdue"))
                .isEqualTo(yuzhong.get("overdue"));

        Reply list = get("500103-supervisor", "/api/v1/dashboard/districts/500103/cases");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) list.body().get("cases");
        Map<String, Object> item = cases.stream().filter(c -> overdue.equals(c.get("businessKey"))).findFirst().orElseThrow();
        String pi = jdbc.queryForObject("SELECT process_instance_id FROM cf_case WHERE business_key = ?", String.class, overdue);
        assertThat(item).containsEntry("overdue", true).containsEntry("office", "500103003-handler")
                .containsEntry("cockpitUrl", "/camunda/app/cockpit/default/#/process-instance/" + pi + "/runtime")
                .containsEntry("auditUrl", "/api/v1/cases/" + overdue + "/audit");
        assertThat(cases).anySatisfy(c -> assertThat(c).containsEntry("businessKey", escalated).containsEntry("breaches", 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCockpitSessionAuthorisesTheDashboardAndTheAuditLink() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        // open Cockpit (the XSRF cookie), then log in as the webapp does
        browser.send(HttpRequest.newBuilder(url("/camunda/app/cockpit/default/")).build(), HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode("500103-supervisor", StandardCharsets.UTF_8)
                        + "&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> dashboard = browser.send(HttpRequest.newBuilder(url("/api/v1/dashboard/districts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        Map<String, Object> body = json.readValue(dashboard.body(), Map.class);
        assertThat(body).containsEntry("user", "500103-supervisor").containsEntry("scope", "district");

        String key = DashboardFixtures.yuzhongCase(port);
        HttpResponse<String> audit = browser.send(HttpRequest.newBuilder(url("/api/v1/cases/" + key + "/audit")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);

        // the session does not open the rest of the API, which stays for API clients
        HttpResponse<String> cases = browser.send(HttpRequest.newBuilder(url("/api/v1/cases/" + key)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cases.statusCode()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yuzhong(Map<String, Object> dashboard) {
        return ((List<Map<String, Object>>) dashboard.get("districts")).stream()
                .filter(d -> "500103".equals(d.get("code"))).findFirst().orElseThrow();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    Reply get(String user, String path) throws Exception {
        return getAs(user, "demo", path);
    }

    @SuppressWarnings("unchecked")
    Reply getAs(String user, String password, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = response.body().isBlank() ? Map.of() : json.readValue(response.body(), Map.class);
        return new Reply(response.statusCode(), body);
    }
}
