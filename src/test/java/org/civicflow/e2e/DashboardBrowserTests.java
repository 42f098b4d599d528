package org.civicflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.civicflow.CivicflowTest;
import org.civicflow.dashboard.DashboardFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The supervisors' map in Cockpit: the city supervisor sees 38 districts, 渝中区's supervisor only 渝中区, and the
 * overdue count the map shows for 渝中区 is the API's.
 */
@CivicflowTest
class DashboardBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCitySupervisorSeesAllThirtyEightDistrictsWithYuzhongsOverdueCount() throws Exception {
        String overdue = DashboardFixtures.yuzhongCase(port);
        DashboardFixtures.makeOverdue(jdbc, overdue);
        DashboardFixtures.markEscalated(jdbc, DashboardFixtures.yuzhongCase(port));

        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.logInto("cockpit", "500000-supervisor", "demo");
            List<WebElement> districts = mapOf(browser);
            assertThat(districts).hasSize(38);

            WebElement yuzhong = browser.driver().findElement(By.cssSelector("#civicflow-map path[data-code='500103']"));
            long apiOverdue = apiOverdue("500000-supervisor");
            assertThat(apiOverdue).isGreaterThanOrEqualTo(1);
            assertThat(Long.parseLong(yuzhong.getDomAttribute("data-overdue"))).isEqualTo(apiOverdue);

            // hover: the district's figures
            js(browser, "arguments[0].dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: 300, clientY: 300}))", yuzhong);
            WebElement tooltip = browser.driver().findElement(By.cssSelector("#civicflow-dashboard .cf-tooltip"));
            assertThat(tooltip.getText().replace("\n", " ")).contains("渝中区", "超期 Overdue " + apiOverdue);
            scrollToMap(browser);
            js(browser, "arguments[0].dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: 330, clientY: 330}))", yuzhong);
            browser.screenshot("cockpit-dashboard-city-hover");
            js(browser, "arguments[0].dispatchEvent(new MouseEvent('mouseleave', {bubbles: true}))", yuzhong);

            // click: its overdue and escalated cases, with links into Cockpit and the audit trail
            js(browser, "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", yuzhong);
            WebElement row = browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#civicflow-dashboard tr.cf-case[data-key='" + overdue + "']")));
            String pi = jdbc.queryForObject("SELECT process_instance_id FROM cf_case WHERE business_key = ?", String.class, overdue);
            assertThat(row.findElement(By.cssSelector("a.cf-instance")).getDomAttribute("href"))
                    .isEqualTo("#/process-instance/" + pi + "/runtime");
            assertThat(row.findElement(By.cssSelector("a.cf-audit")).getDomAttribute("href"))
                    .isEqualTo("/api/v1/cases/" + overdue + "/audit");
            scrollToMap(browser);
            browser.screenshot("cockpit-dashboard-city");

            // the link opens the case's instance in Cockpit
            row.findElement(By.cssSelector("a.cf-instance")).click();
            browser.waitFor(ExpectedConditions.urlContains("/process-instance/" + pi));
        }
    }

    @Test
    void yuzhongsSupervisorSeesOnlyYuzhong() throws Exception {
        DashboardFixtures.makeOverdue(jdbc, DashboardFixtures.yuzhongCase(port));
        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.logInto("cockpit", "500103-supervisor", "demo");
            List<WebElement> districts = mapOf(browser);
            assertThat(districts).hasSize(1);
            assertThat(districts.get(0).getDomAttribute("data-code")).isEqualTo("500103");
            assertThat(Long.parseLong(districts.get(0).getDomAttribute("data-overdue"))).isEqualTo(apiOverdue("500103-supervisor"));
            // the view starts on the district: its cases are listed without a click
            browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#civicflow-dashboard tr.cf-case")));
            scrollToMap(browser);
            browser.screenshot("cockpit-dashboard-yuzhong");
        }
    }

    private static List<WebElement> mapOf(Browser browser) {
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#civicflow-dashboard[data-loaded='true']")));
        return browser.driver().findElements(By.cssSelector("#civicflow-map path.cf-district"));
    }

    private static void scrollToMap(Browser browser) {
        js(browser, "document.getElementById('civicflow-dashboard').scrollIntoView()");
    }

    private static Object js(Browser browser, String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    private long apiOverdue(String user) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/dashboard/districts"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = new ObjectMapper().readValue(response.body(), Map.class);
        return ((List<Map<String, Object>>) body.get("districts")).stream().filter(d -> "500103".equals(d.get("code")))
                .map(d -> ((Number) d.get("overdue")).longValue()).findFirst().orElseThrow();
    }
}
