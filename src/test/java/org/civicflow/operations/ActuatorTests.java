package org.civicflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.civicflow.CivicflowTest;
import org.civicflow.dashboard.DashboardFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

/** /actuator/health with civicflow's components and /actuator/prometheus with civicflow's metrics. */
@CivicflowTest
class ActuatorTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsTheEngineTheDatabaseTheRuleBaseAndMail() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        // the test profile points spring.mail at a GreenMail port that is only open while mail tests run: the
        // overall status may be DOWN (503) because of Spring's mail check; our components must be there and UP
        assertThat(response.statusCode()).isIn(200, 503);
        Map<String, Object> health = new ObjectMapper().readValue(response.body(), Map.class);
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
        assertThat(components).containsKeys("engine", "db", "ruleBase", "mailDelivery", "mail");
        assertThat(components.get("engine")).containsEntry("status", "UP");
        assertThat((Map<String, Object>) components.get("engine").get("details"))
                .containsEntry("citizenRequestDeployed", true).containsEntry("name", "default");
        assertThat(components.get("db")).containsEntry("status", "UP");
        assertThat(components.get("ruleBase")).containsEntry("status", "UP");
        assertThat((Map<String, Object>) ((Map<String, Object>) components.get("ruleBase").get("details")).get("areas"))
                .containsKey("routing");
        assertThat(components.get("mailDelivery")).containsEntry("status", "UP");
        assertThat((Map<String, Object>) components.get("mailDelivery").get("details"))
                .containsKeys("outboxWaiting", "outboxFailing");
    }

    @Test
    void prometheusExposesCaseDeadlineRuleMailAndAlertMetrics() throws Exception {
        DashboardFixtures.yuzhongCase(port); // a case: submitted, routed by the rules, dispatched
        http.send(HttpRequest.newBuilder(url("/api/v1/alerts")).header("Content-Type", "application/cap+xml")
                .POST(HttpRequest.BodyPublishers.ofString("<alert/>")).build(), HttpResponse.BodyHandlers.discarding());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("(?m)^civicflow_cases_submitted_total [1-9]")
                .containsPattern("(?m)^civicflow_cases_transitions_total\\{to=\"DISPATCHED\"} [1-9]")
                .containsPattern("(?m)^civicflow_cases_open\\{phase=\"OPEN\"} [1-9]")
                .contains("civicflow_cases_overdue ", "civicflow_cases_escalated_open ", "civicflow_cases_escalated_total ")
                .containsPattern("(?m)^civicflow_rules_evaluations_total\\{area=\"routing\"} [1-9]")
                .contains("civicflow_mail_sent_total ", "civicflow_mail_failed_total ", "civicflow_mail_outbox_waiting ")
                .containsPattern("(?m)^civicflow_alerts_received_total\\{status=\"401\"} [1-9]")
                .contains("jvm_memory_used_bytes");
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
