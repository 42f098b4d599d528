package org.civicflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.civicflow.CivicflowTest;
import org.civicflow.cases.CaseRecord;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Who may do what, asserted over HTTP through the endpoints Tasklist and Cockpit call (engine REST with the user's
 * credentials, and the webapps' login per application). Each row is a role; each column an action on a case of
 * 解放碑街道 (Yuzhong) waiting to be signed for.
 */
@CivicflowTest
class OfficeAccessMatrixTests {

    @LocalServerPort
    int port;
    @Autowired
    IntakeService intake;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    HistoryService historyService;

    static Stream<Arguments> matrix() {
        // role,                 seeTask claim  complete readCase history editVar cancel tasklist cockpit admin
        return Stream.of(
                row("500103003-handler", true, true, true, false, false, false, false, true, false, false),
                row("500103-dispatch", false, false, false, false, false, false, false, true, false, false),
                row("500103-supervisor", true, false, false, true, true, false, false, true, true, false),
                row("500103-command", true, false, false, true, true, false, false, true, true, false),
                row("500106-supervisor", false, false, false, false, false, false, false, true, true, false),
                row("500103-enforcement", false, false, false, false, false, false, false, true, false, false),
                row("500000-supervisor", true, false, false, true, true, false, false, true, true, false),
                row("500000-dispatch", false, false, false, false, false, false, false, true, false, false),
                row("demo", true, true, true, true, true, true, true, true, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void eachRoleMayDoExactlyWhatItsOfficeAllows(String user, Map<String, Boolean> expected) {
        CaseRecord c = submitInJiefangbei();
        String pi = c.processInstanceId();
        String task = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
        RestClient http = engineRest(user);

        Map<String, Boolean> actual = new LinkedHashMap<>();
        actual.put("seeTask", ok(http.get().uri("/task/{id}", task)));
        actual.put("readCase", ok(http.get().uri("/process-instance/{id}", pi)));
        actual.put("history", ok(http.get().uri("/history/process-instance/{id}", pi)));
        actual.put("editVar", ok(http.put().uri("/process-instance/{id}/variables/note", pi)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "edited", "type", "String"))));
        actual.put("claim", ok(http.post().uri("/task/{id}/claim", task)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("userId", user))));
        actual.put("complete", ok(http.post().uri("/task/{id}/complete", task)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("variables", Map.of("signForDecision", Map.of("value", "sign"))))));
        actual.put("cancel", ok(http.delete().uri("/process-instance/{id}", pi)));
        actual.put("tasklist", logsInto("tasklist", user));
        actual.put("cockpit", logsInto("cockpit", user));
        actual.put("admin", logsInto("admin", user));

        assertThat(actual).as("what %s may do", user).isEqualTo(expected);
    }

    @Test
    void aCaseMovedFromYuzhongToShapingbaIsSeenByShapingbasSupervisorAndNoLongerByYuzhongs() {
        CaseRecord c = submitInJiefangbei();
        String pi = c.processInstanceId();
        assertThat(ok(engineRest("500103-supervisor").get().uri("/process-instance/{id}", pi))).isTrue();
        assertThat(ok(engineRest("500106-supervisor").get().uri("/process-instance/{id}", pi))).isFalse();
        // granted at intake, in the command that started the instance, without looking for grants it cannot have
        assertThat(ok(engineRest("500103-command").get().uri("/history/process-instance/{id}", pi))).isTrue();
        assertThat(authorizations.createAuthorizationQuery().resourceId(pi).count()).isEqualTo(4);
        // the district's watching offices read the case's task history through the instance's grant, none of their own
        String firstTask = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
        assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK).resourceId(firstTask)
                .groupIdIn("500103-supervisor", "500103-command").count()).isZero();
        assertThat(historicTasks("500103-supervisor", pi)).isEqualTo(1);
        assertThat(historicTasks("500106-supervisor", pi)).isZero();

        // returned twice, the city rules that Shapingba is responsible
        completeCurrentTask(pi, Map.of("signForDecision", "return", "returnReason", "在沙坪坝区"));
        completeCurrentTask(pi, Map.of("chosenOfficeGroup", "500103008-handler"));
        completeCurrentTask(pi, Map.of("signForDecision", "return", "returnReason", "也不在渝中区"));
        completeCurrentTask(pi, Map.of("chosenDistrictCode", "500106", "ruling", "地址属沙坪坝区小龙坎街道"));

        assertThat(ok(engineRest("500103-supervisor").get().uri("/process-instance/{id}", pi))).isFalse();
        assertThat(ok(engineRest("500106-supervisor").get().uri("/process-instance/{id}", pi))).isTrue();
        assertThat(ok(engineRest("500106-supervisor").get().uri("/history/process-instance/{id}", pi))).isTrue();
        // the whole task history moves with the case, the tasks done in Yuzhong too
        long allTasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(pi).count();
        assertThat(allTasks).isEqualTo(5);
        assertThat(historicTasks("500106-supervisor", pi)).isEqualTo(allTasks);
        assertThat(historicTasks("500103-supervisor", pi)).isZero();
    }

    /** How many of the case's historic tasks the office sees through the engine's REST API. */
    private long historicTasks(String user, String pi) {
        Map<?, ?> count = engineRest(user).get().uri("/history/task/count?processInstanceId={id}", pi).retrieve()
                .body(Map.class);
        return ((Number) count.get("count")).longValue();
    }

    @Test
    void eachRoleSeesOnlyTheTasklistFiltersMeantForIt() {
        assertThat(filterNames("500103003-handler")).containsExactly("我的单位 My office's tasks");
        assertThat(filterNames("500103-supervisor")).containsExactlyInAnyOrder("我的单位 My office's tasks",
                "督办给我 Escalated to me", "超期 Overdue in 渝中区 Yuzhong");
        assertThat(filterNames("500103-command")).containsExactlyInAnyOrder("我的单位 My office's tasks",
                "超期 Overdue in 渝中区 Yuzhong");
        assertThat(filterNames("500000-supervisor")).containsExactlyInAnyOrder("我的单位 My office's tasks",
                "督办给我 Escalated to me", "超期 Overdue in 重庆市 Chongqing");
    }

    private List<Object> filterNames(String user) {
        List<Map<String, Object>> filters = engineRest(user).get().uri("/filter").retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        return filters.stream().map(f -> f.get("name")).toList();
    }

    @Test
    void loginsBeyondTheAttemptLimitAreDelayed() {
        String user = "500101001-handler";
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(logsInto("tasklist", user, "wrong")).isFalse();
        }
        // the right password is refused while the delay after repeated failures runs
        assertThat(logsInto("tasklist", user, "demo")).isFalse();
    }

    private CaseRecord submitInJiefangbei() {
        return intake.submit(new Submission("noise", "matrix", null, "500103003", null,
                new Submission.Reporter("王五", "13700000000", null), "hotline", null, Map.of()), "test");
    }

    private void completeCurrentTask(String pi, Map<String, Object> variables) {
        tasks.complete(tasks.createTaskQuery().processInstanceId(pi).singleResult().getId(), variables);
    }

    private RestClient engineRest(String user) {
        return RestClient.builder().baseUrl("http://localhost:" + port + "/engine-rest")
                .defaultHeaders(h -> h.setBasicAuth(user, "demo")).build();
    }

    private boolean logsInto(String app, String user) {
        return logsInto(app, user, "demo");
    }

    /** Logs in as the webapp's login page does: a session with its CSRF token first, then the form post. */
    private boolean logsInto(String app, String user, String password) {
        try {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<Void> page = browser.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/camunda/app/" + app + "/default/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String csrf = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            return login.statusCode() == 200;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean ok(RestClient.RequestHeadersSpec<?> request) {
        HttpStatusCode status = request.exchange((req, res) -> res.getStatusCode());
        return status.is2xxSuccessful();
    }

    private static Arguments row(String user, boolean seeTask, boolean claim, boolean complete, boolean readCase,
                                 boolean history, boolean editVar, boolean cancel, boolean tasklist, boolean cockpit,
                                 boolean admin) {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("seeTask", seeTask);
        expected.put("readCase", readCase);
        expected.put("history", history);
        expected.put("editVar", editVar);
        expected.put("claim", claim);
        expected.put("complete", complete);
        expected.put("cancel", cancel);
        expected.put("tasklist", tasklist);
        expected.put("cockpit", cockpit);
        expected.put("admin", admin);
        return Arguments.of(user, expected);
    }
}
