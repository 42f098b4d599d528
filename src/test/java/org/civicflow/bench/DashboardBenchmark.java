package org.civicflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.civicflow.CivicflowTest;
import org.civicflow.e2e.Browser;
import org.civicflow.jurisdiction.Divisions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not part of the test suite (the name matches no Surefire pattern): seeds 100,000 cases into the test database and
 * times the dashboard's endpoint and the Cockpit map. Run alone and copy the printed figures into docs/benchmarks.md:
 * {@code ./mvnw -B -q test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@CivicflowTest
class DashboardBenchmark {

    static final int CASES = Integer.getInteger("bench.cases", 100_000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Divisions divisions;

    @Test
    void dashboardWithOneHundredThousandCases() throws Exception {
        long seedStart = System.nanoTime();
        seed();
        System.out.printf("BENCH seeded %,d cases (cf_case + cf_case_figures) in %.1f s%n", CASES,
                (System.nanoTime() - seedStart) / 1e9);

        report("city, GET /api/v1/dashboard/districts (38 districts, last 30 days)",
                time("500000-supervisor", "/api/v1/dashboard/districts", 30));
        report("city, GET /api/v1/dashboard/districts?from=…365 days",
                time("500000-supervisor", "/api/v1/dashboard/districts?from=" + OffsetDateTime.now().minusDays(364).toLocalDate(), 30));
        report("渝中区 supervisor, GET /api/v1/dashboard/districts",
                time("500103-supervisor", "/api/v1/dashboard/districts", 30));
        report("渝中区, GET /api/v1/dashboard/districts/500103/cases (≤ 200 rows)",
                time("500103-supervisor", "/api/v1/dashboard/districts/500103/cases", 30));

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.logInto("cockpit", "500000-supervisor", "demo");
            List<Long> loads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                browser.driver().navigate().refresh();
                var root = browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#civicflow-dashboard[data-loaded='true']")));
                loads.add(Long.parseLong(root.getDomAttribute("data-load-ms")));
            }
            System.out.println("BENCH Cockpit map, plugin render → map drawn (fetch + 38 paths), ms, 6 reloads: " + loads
                    + " (first is cold)");
        }
    }

    private void seed() {
        Random random = new Random(42);
        List<String> districtCodes = divisions.districts().stream().map(d -> d.code()).toList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        String[] slaClasses = {"consultation", "help", "complaint", "urgent"};
        List<Object[]> caseRows = new ArrayList<>();
        List<Object[]> figureRows = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            String key = "CQ-2025-" + String.format("%07d", 1_000_000 + i).substring(1) + "B";
            String district = districtCodes.get(random.nextInt(districtCodes.size()));
            OffsetDateTime created = now.minusMinutes(random.nextInt(365 * 24 * 60));
            int state = random.nextInt(100);
            boolean open = state < 25;
            String status = open ? (state < 8 ? "DISPATCHED" : "IN_PROGRESS") : (state < 35 ? "REPLIED" : "CLOSED");
            String phase = switch (status) {
                case "DISPATCHED" -> "OPEN";
                case "IN_PROGRESS" -> "IN_PROGRESS";
                case "REPLIED" -> "RESOLVED";
                default -> "CLOSED";
            };
            boolean signed = !"DISPATCHED".equals(status);
            OffsetDateTime signedAt = signed ? created.plusHours(1 + random.nextInt(60)) : null;
            OffsetDateTime handlingDue = signed ? signedAt.plusDays(3 + random.nextInt(20)) : null;
            OffsetDateTime replied = open || !signed ? null : signedAt.plusHours(random.nextInt(24 * 25));
            Boolean resolved = "CLOSED".equals(status) ? random.nextInt(10) < 8 : null;
            Boolean satisfied = "CLOSED".equals(status) ? random.nextInt(10) < 9 : null;
            String office = district + "001-handler";
            caseRows.add(new Object[] {key, "noise", slaClasses[random.nextInt(4)], status, phase, "benchmark case", "web",
                    district, office, ts(created), ts(created)});
            figureRows.add(new Object[] {key, district, office, ts(created), open, ts(created.plusDays(2)), ts(signedAt),
                    signed ? (Object) (random.nextInt(10) < 9) : null, ts(handlingDue), ts(replied), resolved, satisfied,
                    random.nextInt(50) == 0 ? 1 : 0});
            if (caseRows.size() == 2_000 || i == CASES) {
                jdbc.batchUpdate("INSERT INTO cf_case (business_key, category, sla_class, status, phase, description, channel, "
                        + "district_code, office_group, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", caseRows);
                jdbc.batchUpdate("INSERT INTO cf_case_figures (business_key, district_code, office_group, created_at, is_open, "
                        + "sign_for_due_at, signed_at, responded_in_time, handling_due_at, replied_at, resolved, satisfied, "
                        + "breaches) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", figureRows);
                caseRows.clear();
                figureRows.clear();
            }
        }
    }

    private static Timestamp ts(OffsetDateTime t) {
        return t == null ? null : Timestamp.from(t.toInstant());
    }

    private long[] time(String user, String path, int runs) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .build();
        for (int i = 0; i < 5; i++) { // warm-up
            check(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            check(response);
            if (i == 0) {
                System.out.printf("BENCH   %s: %,d bytes%n", path, response.body().length());
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("BENCH %s: p50 %d ms, p90 %d ms, max %d ms (%d runs)%n", what, sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1], sorted.length);
    }
}
