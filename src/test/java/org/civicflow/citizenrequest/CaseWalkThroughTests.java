package org.civicflow.citizenrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.civicflow.CivicflowTest;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The whole application on H2: a case walks through every task of the citizen-request process, each done by the demo
 * user of the office it is offered to, authenticated on the engine REST API the way Tasklist calls it (the "My office"
 * filter, claim, the task's form variables, submit-form).
 */
@CivicflowTest
class CaseWalkThroughTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    int port;
    @Autowired
    IntakeService intake;
    @Autowired
    CaseService cases;

    @Test
    void aCaseWithoutLocationWalksFromTheCityToTheSubdistrictAndClosesWithEveryStepDoneByItsOffice() {
        CaseRecord c = submit(null, "我家楼下的路灯坏了一个星期");

        as("500000-dispatch").completeTaskOf(c, Map.of("chosenDistrictCode", "500103"));
        as("500103-dispatch").completeTaskOf(c, Map.of("chosenOfficeGroup", "500103001-handler"));
        as("500103001-handler").completeTaskOf(c, Map.of("signForDecision", "return", "returnReason", "在解放碑街道辖区"));
        as("500103-dispatch").completeTaskOf(c, Map.of("chosenOfficeGroup", "500103003-handler"));
        as("500103003-handler").completeTaskOf(c, Map.of("signForDecision", "sign"));
        assertThat(cases.find(c.businessKey()).orElseThrow().status()).isEqualTo(CaseStatus.IN_PROGRESS);
        as("500103003-handler").completeTaskOf(c, Map.of("actionsTaken", "更换灯泡", "outcome", "resolved",
                "replyToCitizen", "路灯已修复，感谢反映。The light is fixed."));
        as("500103-dispatch").completeTaskOf(c, Map.of("citizenSaysResolved", "yes", "satisfaction", "satisfied"));

        CaseRecord closed = cases.find(c.businessKey()).orElseThrow();
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(cases.timeline(c.businessKey()))
                .extracting(e -> e.actor())
                .contains("500000-dispatch", "500103-dispatch", "500103001-handler", "500103003-handler");
    }

    @Test
    void yuzhongsHandlerDoesNotSeeAShapingbaTaskInItsOfficeFilter() {
        CaseRecord shapingba = submit("500106001", "小龙坎噪音扰民");
        CaseRecord yuzhong = submit("500103003", "解放碑噪音扰民");

        assertThat(as("500103003-handler").myOfficeTasks()).extracting(t -> t.get("processInstanceId"))
                .contains(yuzhong.processInstanceId())
                .doesNotContain(shapingba.processInstanceId());
        assertThat(as("500106001-handler").myOfficeTasks()).extracting(t -> t.get("processInstanceId"))
                .contains(shapingba.processInstanceId())
                .doesNotContain(yuzhong.processInstanceId());
    }

    @Test
    void aFormThatBreaksTheServerSideRulesIsA400ThroughTheEngineRestApi() {
        CaseRecord c = submit("500103003", "解放碑路灯不亮");
        Clerk handler = as("500103003-handler");

        // a return needs a reason: the task listener refuses the completion, and the caller is told why
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> handler.completeTaskOf(c, Map.of("signForDecision", "return")),
                org.springframework.web.client.HttpClientErrorException.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getResponseBodyAsString()).contains("Cannot complete").contains("returnReason");
        handler.completeTaskOf(c, Map.of("signForDecision", "sign"));
    }

    @Test
    void theEngineRestApiRefusesAnonymousCallsAndWrongPasswords() {
        RestClient anonymous = RestClient.create("http://localhost:" + port);
        int anonymousStatus = anonymous.get().uri("/engine-rest/task").exchange((req, res) -> res.getStatusCode().value());
        assertThat(anonymousStatus).isEqualTo(401);
        RestClient wrong = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("500104-dispatch", "wrong")).build();
        int wrongStatus = wrong.get().uri("/engine-rest/task").exchange((req, res) -> res.getStatusCode().value());
        assertThat(wrongStatus).isEqualTo(401);
    }

    private CaseRecord submit(String divisionCode, String description) {
        return intake.submit(new Submission(divisionCode == null ? "streetlight" : "noise", description, null, divisionCode,
                divisionCode == null ? "某小区3栋门口" : null, new Submission.Reporter("李四", "13900000000", null),
                "hotline", null, Map.of()), "test");
    }

    private Clerk as(String user) {
        return new Clerk(user, RestClient.builder()
                .baseUrl("http://localhost:" + port + "/engine-rest")
                .defaultHeaders(h -> h.setBasicAuth(user, "demo"))
                .build());
    }

    /** A demo user working through the engine REST API as Tasklist does. */
    private record Clerk(String user, RestClient http) {

        List<Map<String, Object>> myOfficeTasks() {
            List<Map<String, Object>> filters = http.get().uri("/filter?name={name}", TasklistFiltersName.MY_OFFICE)
                    .retrieve().body(LIST);
            assertThat(filters).as("the 'My office' filter").hasSize(1);
            return http.post().uri("/filter/{id}/list", filters.get(0).get("id"))
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of())
                    .retrieve().body(LIST);
        }

        void completeTaskOf(CaseRecord c, Map<String, Object> values) {
            Map<String, Object> task = myOfficeTasks().stream()
                    .filter(t -> c.processInstanceId().equals(t.get("processInstanceId")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(user + " does not see a task of " + c.businessKey()));
            Object id = task.get("id");
            if (task.get("assignee") == null) {
                http.post().uri("/task/{id}/claim", id).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("userId", user)).retrieve().toBodilessEntity();
            }
            Map<String, Object> formVariables = http.get().uri("/task/{id}/form-variables", id).retrieve()
                    .body(new ParameterizedTypeReference<>() {
                    });
            assertThat(formVariables).containsKeys("caseNumber", "categoryLabel", "caseSummary");
            Map<String, Object> variables = new java.util.HashMap<>();
            values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
            http.post().uri("/task/{id}/submit-form", id).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("variables", variables)).retrieve().toBodilessEntity();
        }
    }

    /** The filter's name as created at start-up. */
    private static final class TasklistFiltersName {
        static final String MY_OFFICE = "我的单位 My office's tasks";
    }
}
