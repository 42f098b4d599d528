package org.civicflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.CivicflowTest;
import org.civicflow.MailServer;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.civicflow.sla.WorkingDayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/**
 * Clerks at work in a real browser: each step is a fresh headless Chromium that logs in through the Tasklist login
 * page, finds the case in "我的单位 My office's tasks", claims it and fills in the Camunda Form. Screenshots of every
 * step go to {@code target/e2e/}.
 */
@CivicflowTest
class TasklistWorkBrowserTests {

    /** The case's office gets its dispatch mail when the mail steps run at the end. */
    @RegisterExtension
    static GreenMailExtension smtp = MailServer.start();

    private static final DateTimeFormatter TOOLTIP_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    CaseService cases;
    @Autowired
    IntakeService intake;
    @Autowired
    WorkingDayCalendar calendar;

    @Test
    void aCaseFromTheApiIsDispatchedSignedForHandledCalledBackAndClosedInTasklist() {
        String key = submitOverTheApi();
        CaseRecord submitted = cases.find(key).orElseThrow();
        assertThat(submitted.status()).isEqualTo(CaseStatus.AWAITING_DISTRICT_DISPATCH);

        // 渝中区 dispatch desk: finds the case in its office's tasks, an empty required field blocks completion
        try (Tasklist dispatch = Tasklist.logIn(port, "500103-dispatch")) {
            dispatch.screenshot("01-dispatch-my-office");
            assertThat(dispatch.activeFilter()).contains("我的单位", "My office's tasks");
            dispatch.openCase(key, "区县派单");
            Task task = task(key, Tasks.DISTRICT_DISPATCH);
            assertThat(dispatch.dueDateInList()).contains(TOOLTIP_DAY.format(task.getDueDate().toInstant()));
            assertThat(dispatch.dueDateInHeader()).isNotBlank();
            assertThat(dispatch.form()).contains("区县派单 District dispatch", "案件概要 Case summary", key,
                    "噪声扰民 Noise", "广场舞音响太吵", "Loud music every night", "渝中区", "张三",
                    "承办单位 Handling office", "派单说明 Dispatch note", "诉求内容 Description:", "13800000000")
                    .as("the summary's Markdown is rendered").doesNotContain("**", "\\");
            dispatch.screenshot("02-dispatch-form");

            dispatch.claimIfNeeded().complete();
            dispatch.browser().waitFor(d -> dispatch.validationErrors().isBlank() ? null : Boolean.TRUE);
            assertThat(dispatch.validationErrors()).contains("required");
            dispatch.browser().waitFor(d -> dispatch.notifications().contains("error") ? Boolean.TRUE : null);
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isOne();
            dispatch.screenshot("03-dispatch-required-field-blocks");

            dispatch.choose("Field_ChosenOffice", "解放碑", "解放碑街道").screenshot("04-dispatch-chose-jiefangbei");
            dispatch.complete().waitUntil(() -> hasTask(key, Tasks.SIGN_FOR));
            dispatch.screenshot("05-dispatch-completed");
        }
        assertThat(task(key, Tasks.SIGN_FOR)).satisfies(t -> assertThat(candidateGroups(t)).containsExactly("500103003-handler"));

        // 解放碑街道 signs for it, then handles it and replies
        try (Tasklist handler = Tasklist.logIn(port, "500103003-handler")) {
            handler.openCase(key, "签收或退单").claimIfNeeded();
            assertThat(handler.form()).contains("签收 Sign for the case", key, "签收 Sign for: we handle it");
            handler.radio("Field_SignForDecision", 0).screenshot("06-handler-signs-for");
            handler.complete().waitUntil(() -> hasTask(key, Tasks.HANDLE));

            handler.openCase(key, "办理并答复").claimIfNeeded();
            assertThat(handler.form()).contains("办理并答复 Handle the case", "办理时限 Due:", "办理情况 What was done",
                    "答复市民 Reply to the citizen");
            handler.write("Field_ActionsTaken", "已到现场劝导，约定音响音量与时段 Talked to the dancers on site")
                    .choose("Field_Outcome", "已解决", "已解决 Resolved")
                    .write("Field_Reply", "已协调广场舞队伍降低音量并在晚九点前结束。The group will keep it down and stop by 9 pm.")
                    .screenshot("07-handler-replies");
            handler.complete().waitUntil(() -> hasTask(key, Tasks.CALL_BACK));
        }
        assertThat(cases.find(key).orElseThrow().status()).isEqualTo(CaseStatus.REPLIED);

        // the district dispatch desk calls the citizen back: resolved and satisfied, the case closes
        try (Tasklist dispatch = Tasklist.logIn(port, "500103-dispatch")) {
            dispatch.openCase(key, "回访").claimIfNeeded();
            assertThat(dispatch.form()).contains("回访 Call back the citizen", "已解决 Resolved", "Talked to the dancers on site",
                    "The group will keep it down");
            dispatch.radio("Field_CitizenSaysResolved", 0)
                    .choose("Field_Satisfaction", "满意", "满意 Satisfied")
                    .write("Field_CallBackNotes", "市民表示近两晚已安静 Quiet the last two nights")
                    .screenshot("08-dispatch-calls-back");
            String callBack = task(key, Tasks.CALL_BACK).getId();
            dispatch.complete().waitUntil(() -> taskService.createTaskQuery().taskId(callBack).count() == 0);
            dispatch.screenshot("09-dispatch-call-back-done");
        }
        runAsyncSteps(submitted.processInstanceId());

        CaseRecord closed = cases.find(key).orElseThrow();
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).singleResult()
                .getEndTime()).isNotNull();
        assertThat(cases.timeline(key)).extracting(e -> e.actor())
                .contains("500103-dispatch", "500103003-handler");
        Map<String, Object> overApi = api().get().uri("/api/v1/cases/{key}", key).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        assertThat(overApi).containsEntry("status", "CLOSED");

        // the city supervisor finds the process in Cockpit (Cockpit CE lists running instances only: the closed case is
        // no longer among them; its history is what the case API and HistoryService show above)
        try (Browser cockpit = Browser.open("http://localhost:" + port)) {
            cockpit.logInto("cockpit", "500000-supervisor", "demo");
            cockpit.go("/camunda/app/cockpit/default/#/processes");
            var process = cockpit.waitFor(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//a[contains(., '市民诉求 Citizen request (12345)')]")));
            cockpit.screenshot("10-cockpit-processes");
            process.click();
            cockpit.waitFor(ExpectedConditions.urlContains("/process-definition/"));
            cockpit.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".djs-container")));
            cockpit.screenshot("11-cockpit-process-definition");
        }
    }

    @Test
    void aSubdistrictReturnsACaseAndLaterAsksForAnExtensionThroughTheForms() {
        CaseRecord c = intake.submit(new Submission("noise", "夜间施工噪音 Construction noise at night", null, "500103003",
                "渝中区解放碑街道邹容路1号", new Submission.Reporter("王五", "13700000000", null), "hotline", null, Map.of()),
                "test");
        String key = c.businessKey();
        assertThat(hasTask(key, Tasks.SIGN_FOR)).isTrue();

        // 退单: not ours, with a reason; the case goes back to the district dispatch desk
        try (Tasklist handler = Tasklist.logIn(port, "500103003-handler")) {
            handler.openCase(key, "签收或退单").claimIfNeeded();
            handler.radio("Field_SignForDecision", 1)
                    .write("Field_ReturnReason", "邹容路1号属七星岗街道辖区 The address belongs to 七星岗街道")
                    .screenshot("12-handler-returns-case");
            handler.complete().waitUntil(() -> hasTask(key, Tasks.DISTRICT_DISPATCH));
        }
        CaseRecord returned = cases.find(key).orElseThrow();
        assertThat(returned.status()).isEqualTo(CaseStatus.RETURNED);
        assertThat(returned.officeGroup()).isEqualTo("500103-dispatch");

        // the desk and the office agree it is 解放碑's after all (done on the engine: not what this test is about)
        taskService.complete(task(key, Tasks.DISTRICT_DISPATCH).getId(), Map.of("chosenOfficeGroup", "500103003-handler"));
        taskService.complete(task(key, Tasks.SIGN_FOR).getId(), Map.of("signForDecision", "sign"));

        // 延期: on the Handle form, a new deadline a few working days after the current one
        Task handle = task(key, Tasks.HANDLE);
        LocalDate due = handle.getDueDate().toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        LocalDate until = nextWorkingDays(due, 3);
        try (Tasklist handler = Tasklist.logIn(port, "500103003-handler")) {
            handler.openCase(key, "办理并答复").claimIfNeeded();
            handler.radio("Field_HandlingAction", 1)
                    .write("Field_ExtensionReason", "需协调住建部门核实施工许可 The building permit must be checked with the city")
                    .date("Field_ExtensionUntil", until.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
            assertThat(handler.form()).contains("延期理由 Why more time is needed", "延期至 New deadline")
                    .doesNotContain("答复市民 Reply to the citizen");
            handler.screenshot("13-handler-asks-for-extension");
            handler.complete().waitUntil(() -> hasTask(key, Tasks.APPROVE_EXTENSION));
        }
        assertThat(candidateGroups(task(key, Tasks.APPROVE_EXTENSION))).containsExactly("500103-supervisor");
        assertThat(cases.timeline(key)).extracting(e -> e.type()).contains(CaseEventType.EXTENSION_REQUESTED);

        // the district supervisor approves it in Tasklist; the handling deadline moves
        try (Tasklist supervisor = Tasklist.logIn(port, "500103-supervisor")) {
            supervisor.openCase(key, "延期审批").claimIfNeeded();
            assertThat(supervisor.form()).contains("延期审批", "需协调住建部门核实施工许可");
            supervisor.radio("Field_ExtensionDecision", 0).screenshot("14-supervisor-approves-extension");
            supervisor.complete().waitUntil(() -> hasTask(key, Tasks.HANDLE));
        }
        Date newDue = task(key, Tasks.HANDLE).getDueDate();
        assertThat(newDue.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate()).isEqualTo(until);
    }

    @Test
    void aDistrictSupervisorReassignsALateCaseThroughTheSupervisionForm() {
        CaseRecord c = intake.submit(new Submission("noise", "工地夜间施工 Building site works at night", null, "500103003",
                "渝中区解放碑街道民权路2号", new Submission.Reporter("赵六", "13600000000", null), "hotline", null, Map.of()),
                "test");
        String key = c.businessKey();
        // the sign-for deadline passes: its timer fires (the job executor is off in tests)
        managementService.executeJob(managementService.createJobQuery().processInstanceId(c.processInstanceId())
                .activityId("BoundaryTimer_SignForDeadline").singleResult().getId());
        assertThat(hasTask(key, Tasks.SUPERVISE)).isTrue();

        try (Tasklist supervisor = Tasklist.logIn(port, "500103-supervisor")) {
            supervisor.openCase(key, "督办").claimIfNeeded();
            assertThat(supervisor.form()).contains("超时情况", "签收或退单", "工地夜间施工")
                    .doesNotContain("改派至 New office"); // shown once reassigning is chosen
            supervisor.radio("Field_SupervisionAction", 1)
                    .choose("Field_ReassignTo", "七星岗", "七星岗街道")
                    .write("Field_SupervisionNote", "地址属七星岗街道 The address belongs to 七星岗")
                    .screenshot("15-supervisor-reassigns-late-case");
            supervisor.complete().waitUntil(() -> !hasTask(key, Tasks.SUPERVISE));
        }
        assertThat(candidateGroups(task(key, Tasks.SIGN_FOR))).containsExactly("500103001-handler");
        assertThat(cases.find(key).orElseThrow().officeGroup()).isEqualTo("500103001-handler");
        assertThat(cases.timeline(key)).extracting(e -> e.type())
                .contains(CaseEventType.DEADLINE_BREACHED, CaseEventType.REASSIGNED);
    }

    private LocalDate nextWorkingDays(LocalDate from, int days) {
        LocalDate date = from;
        for (int found = 0; found < days; ) {
            date = date.plusDays(1);
            if (calendar.isWorkingDay(date)) {
                found++;
            }
        }
        return date;
    }

    private String submitOverTheApi() {
        Map<String, Object> created = api().post().uri("/api/v1/cases")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("category", "noise", "description", "广场舞音响太吵 Loud music every night",
                        "location", Map.of("lat", 29.5575, "lon", 106.5770), "address", "民族路188号",
                        "reporter", Map.of("name", "张三", "phone", "13800000000"), "channel", "web"))
                .retrieve().body(new ParameterizedTypeReference<>() {
                });
        return (String) created.get("businessKey");
    }

    private RestClient api() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("demo-client", "demo")).build();
    }

    private boolean hasTask(String key, String definitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(definitionKey).count() > 0;
    }

    private Task task(String key, String definitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(definitionKey).singleResult();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).toList();
    }

    /** The mail steps are asynchronous and the job executor is off in tests: run them. */
    private void runAsyncSteps(String processInstanceId) {
        managementService.createJobQuery().processInstanceId(processInstanceId).messages().list()
                .forEach(job -> managementService.executeJob(job.getId()));
    }
}
