package org.civicflow.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.civicflow.enforcement.JointEnforcementProcess.Tasks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.civicflow.CivicflowTest;
import org.civicflow.audit.AuditActions;
import org.civicflow.audit.AuditEntry;
import org.civicflow.audit.AuditTrail;
import org.civicflow.cases.CaseRecord;
import org.civicflow.citizenrequest.CitizenRequestProcess;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of {@code processes/joint-enforcement.bpmn}, each step done as the office's own user, and its audit trail. */
@CivicflowTest
class JointEnforcementProcessTests {

    static final String LEAD = "500103-enforcement";
    static final List<String> COOPERATING = List.of("500103-police", "500103-environment", "500103003-handler");

    @Autowired
    ProcessEngine engine;
    @Autowired
    EnforcementService enforcement;
    @Autowired
    IntakeService intake;
    @Autowired
    AuditTrail trail;

    @BeforeEach
    void useTheApplicationsEngine() {
        BpmnAwareTests.init(engine);
    }

    /** Completes as the office set by {@code as(...)}, then logs out so the test's own checks see everything. */
    private void completeAsCurrentUser(Task task, Map<String, Object> variables) {
        try {
            BpmnAwareTests.complete(task, variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @AfterEach
    void logOut() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void aDirectOperationFindingNoViolationConcludesWithEveryStepInTheAuditTrail() {
        ProcessInstance pi = openDirectly();
        assertThat(pi).isWaitingAt(Tasks.PLAN);
        String key = businessKey(pi);
        assertThat(key).matches("JE-\\d{4}-\\d{6}");
        assertThat(taskAt(pi, Tasks.PLAN)).hasCandidateGroup(LEAD);

        plan(pi);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Tasks.RECORD_FINDINGS)
                .list()).hasSize(3).allSatisfy(t -> assertThat(engine.getTaskService().getIdentityLinksForTask(t.getId()))
                        .extracting(l -> l.getGroupId()).hasSize(1).containsAnyElementsOf(COOPERATING));
        recordAllFindings(pi);
        legalReview(pi);
        decide(pi, "noViolation", Map.of());

        assertThat(pi).isEnded().hasPassedInOrder("ServiceTask_OpenOperation", Tasks.PLAN, Tasks.RECORD_FINDINGS,
                Tasks.LEGAL_REVIEW, Tasks.DECIDE, "ServiceTask_ReportOutcome", JointEnforcementProcess.Events.CONCLUDED);
        List<AuditEntry> entries = trail.ofCase(key).entries();
        assertThat(entries).extracting(AuditEntry::action).containsSubsequence(AuditActions.ENFORCEMENT_OPENED,
                AuditActions.ENFORCEMENT_PLANNED, AuditActions.ENFORCEMENT_FINDINGS_RECORDED,
                AuditActions.ENFORCEMENT_FINDINGS_RECORDED, AuditActions.ENFORCEMENT_FINDINGS_RECORDED,
                AuditActions.ENFORCEMENT_LEGAL_REVIEWED, AuditActions.ENFORCEMENT_DECIDED, AuditActions.ENFORCEMENT_CONCLUDED);
        assertThat(entries).filteredOn(e -> e.action().equals(AuditActions.ENFORCEMENT_FINDINGS_RECORDED))
                .extracting(AuditEntry::actor).containsExactlyInAnyOrderElementsOf(COOPERATING);
        AuditEntry decided = only(entries, AuditActions.ENFORCEMENT_DECIDED);
        assertThat(decided.actor()).isEqualTo(LEAD);
        assertThat(decided.office()).isEqualTo(LEAD);
        assertThat(decided.details()).contains("\"decision\":\"noViolation\"").contains("\"decisionReason\":\"");
        assertThat(only(entries, AuditActions.ENFORCEMENT_CONCLUDED).details()).contains("\"outcome\":\"noViolation\"");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditActions.USER_OPERATION);
            assertThat(e.actor()).isEqualTo(LEAD);
            assertThat(e.details()).contains("\"operationType\":\"Complete\"");
        });
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void aPenaltyConcludesTheOperationWithTheAmount() {
        ProcessInstance pi = openDirectly();
        plan(pi);
        recordAllFindings(pi);
        legalReview(pi);

        decide(pi, "penalty", Map.of("penaltyAmount", 5000L));

        assertThat(pi).isEnded().variables().containsEntry("enforcementOutcome", "penalty");
        assertThat(only(trail.ofCase(businessKey(pi)).entries(), AuditActions.ENFORCEMENT_DECIDED).details())
                .contains("\"penaltyAmount\":5000");
    }

    @Test
    void aRectificationOrderWaitsForItsDeadlineAndClosesWhenRectified() {
        ProcessInstance pi = throughLegalReview();
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10);

        decide(pi, "rectification", Map.of("rectificationDeadline", due.toString()));

        assertThat(pi).isWaitingAt(JointEnforcementProcess.Events.RECTIFICATION_DEADLINE);
        assertThat(job().getDuedate()).isEqualTo(Date.from(due.plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant()));
        execute(job());
        assertThat(pi).isWaitingAt(Tasks.CHECK_RECTIFICATION);
        as(LEAD);
        completeAsCurrentUser(taskAt(pi, Tasks.CHECK_RECTIFICATION), withVariables("rectified", "yes",
                "checkNotes", "违建已自行拆除 the structure was removed"));

        assertThat(pi).isEnded().hasPassed(Tasks.CHECK_RECTIFICATION).hasNotPassed(Tasks.CITY_REVIEW)
                .variables().containsEntry("enforcementOutcome", "rectified");
    }

    @Test
    void anOrderNotCompliedWithGoesToTheCityEnforcementOffice() {
        ProcessInstance pi = throughLegalReview();
        decide(pi, "rectification", Map.of("rectificationDeadline", LocalDate.now().plusDays(3).toString()));
        assertThat(pi).isWaitingAt(JointEnforcementProcess.Events.RECTIFICATION_DEADLINE);
        execute(job());
        as(LEAD);
        completeAsCurrentUser(taskAt(pi, Tasks.CHECK_RECTIFICATION), withVariables("rectified", "no",
                "checkNotes", "未整改 nothing done"));

        assertThat(pi).isWaitingAt(Tasks.CITY_REVIEW);
        assertThat(taskAt(pi, Tasks.CITY_REVIEW)).hasCandidateGroup("500000-enforcement");
        as("500000-enforcement");
        completeAsCurrentUser(taskAt(pi, Tasks.CITY_REVIEW), withVariables("cityDecision", "依法强制拆除 compulsory removal"));

        assertThat(pi).isEnded().variables().containsEntry("enforcementOutcome", "escalated");
        assertThat(only(trail.ofCase(businessKey(pi)).entries(), AuditActions.ENFORCEMENT_CITY_REVIEWED).actor())
                .isEqualTo("500000-enforcement");
    }

    @Test
    void anOperationProposedFromACitizenRequestTellsTheRequestItsOutcome() {
        CaseRecord c = citizenRequestBeingHandled();

        ProcessInstance pi = enforcement.proposeFromCase(c.businessKey(), "500103003-handler", "多次投诉同一KTV噪声 repeated complaints");
        assertThat(businessKey(pi)).isEqualTo(c.businessKey());
        assertThat(taskAt(pi, Tasks.PLAN)).hasCandidateGroup(LEAD);
        plan(pi);
        recordAllFindings(pi);
        legalReview(pi);
        decide(pi, "penalty", Map.of("penaltyAmount", 2000));

        assertThat(pi).isEnded();
        ProcessInstance request = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(c.processInstanceId()).singleResult();
        assertThat(request).isWaitingAt(CitizenRequestProcess.Tasks.HANDLE)
                .hasPassed("EndEvent_EnforcementOutcomeNoted")
                .variables().containsEntry("enforcementOutcome", "penalty");
        assertThat(engine.getRuntimeService().getVariable(request.getId(), "enforcementSummary").toString()).contains("2000");
        assertThat(trail.ofCase(c.businessKey()).entries()).extracting(AuditEntry::action)
                .containsSubsequence("CASE_SUBMITTED", AuditActions.ENFORCEMENT_OPENED, AuditActions.ENFORCEMENT_DECIDED,
                        AuditActions.ENFORCEMENT_CONCLUDED);
        assertThat(only(trail.ofCase(c.businessKey()).entries(), AuditActions.ENFORCEMENT_CONCLUDED).details())
                .contains("\"originInstancesTold\":1");
    }

    @Test
    void aDeclinedProposalEndsAndTellsTheRequest() {
        CaseRecord c = citizenRequestBeingHandled();
        ProcessInstance pi = enforcement.proposeFromCase(c.businessKey(), "500103-supervisor", "请执法部门介入 please step in");

        as(LEAD);
        completeAsCurrentUser(taskAt(pi, Tasks.PLAN), withVariables("proposalDecision", "decline",
                "declineReason", "属于民事纠纷 a civil dispute, not an enforcement matter"));

        assertThat(pi).isEnded().hasNotPassed(Tasks.RECORD_FINDINGS).variables().containsEntry("enforcementOutcome", "declined");
        assertThat(engine.getRuntimeService().getVariable(c.processInstanceId(), "enforcementSummary").toString())
                .contains("civil dispute");
    }

    @Test
    void evidenceAttachedToAFindingsTaskIsRecordedWithItsSha256() throws Exception {
        ProcessInstance pi = openDirectly();
        plan(pi);
        Task police = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskCandidateGroup("500103-police").singleResult();
        byte[] photo = "JPEG… pretend photo of the illegal extension".getBytes(StandardCharsets.UTF_8);
        as("500103-police");
        engine.getTaskService().createAttachment("image/jpeg", police.getId(), pi.getId(), "extension-north.jpg",
                "北侧加建 north extension", new ByteArrayInputStream(photo));

        engine.getTaskService().complete(police.getId(), Map.of("findings", "二层违法加建约30平方米 illegal 30 m² extension"));
        engine.getIdentityService().clearAuthentication();

        AuditEntry evidence = only(trail.ofCase(businessKey(pi)).entries(), AuditActions.EVIDENCE_RECORDED);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        assertThat(evidence.details()).contains("\"sha256\":\"" + sha256 + "\"").contains("\"name\":\"extension-north.jpg\"")
                .contains("\"size\":" + photo.length);
        assertThat(evidence.actor()).isEqualTo("500103-police");
        assertThat(evidence.office()).isEqualTo("500103-police");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "findingsReport").toString())
                .contains("illegal 30 m² extension").contains("SHA-256 recorded");
    }

    @Test
    void aDecisionWithoutReasonsOrAPastDeadlineIsRefused() {
        ProcessInstance pi = throughLegalReview();
        as(LEAD);

        assertThatThrownBy(() -> completeAsCurrentUser(taskAt(pi, Tasks.DECIDE), withVariables("decision", "penalty")))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("decisionReason").hasMessageContaining("penaltyAmount");
        assertThatThrownBy(() -> completeAsCurrentUser(taskAt(pi, Tasks.DECIDE), withVariables("decision", "rectification",
                "decisionReason", "x", "rectificationDeadline", "2020-01-01")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("rectificationDeadline");
        assertThat(pi).isWaitingAt(Tasks.DECIDE);
    }

    @Test
    void aPlanWithoutCooperatingOfficesIsRefused() {
        ProcessInstance pi = openDirectly();
        as(LEAD);

        assertThatThrownBy(() -> completeAsCurrentUser(taskAt(pi, Tasks.PLAN), withVariables("proposalDecision", "accept",
                "cooperatingOffices", "[\"500103-nobody\"]")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("500103-nobody");
        assertThat(pi).isWaitingAt(Tasks.PLAN);
    }

    @Test
    void anOperationForAnUnknownDistrictIsNotOpened() {
        assertThatThrownBy(() -> enforcement.openDirectly("509999", "违法建设", null, LEAD))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("districtCode");
    }

    // given / when helpers

    private ProcessInstance openDirectly() {
        as(LEAD);
        ProcessInstance pi = enforcement.openDirectly("500103", "违法建设 illegal rooftop extension", "渝中区民族路188号", LEAD);
        engine.getIdentityService().clearAuthentication();
        return pi;
    }

    private ProcessInstance throughLegalReview() {
        ProcessInstance pi = openDirectly();
        plan(pi);
        recordAllFindings(pi);
        legalReview(pi);
        return pi;
    }

    private CaseRecord citizenRequestBeingHandled() {
        CaseRecord c = intake.submit(new Submission("noise", "KTV 每晚噪声 loud KTV every night", null, "500103003",
                "渝中区解放碑街道民族路188号", new Submission.Reporter("李四", "13900000000", null), "hotline", null, Map.of()), "test");
        completeAsCurrentUser(engine.getTaskService().createTaskQuery().processInstanceId(c.processInstanceId()).singleResult(),
                withVariables("signForDecision", "sign"));
        return c;
    }

    private void plan(ProcessInstance pi) {
        as(LEAD);
        completeAsCurrentUser(taskAt(pi, Tasks.PLAN), withVariables("proposalDecision", "accept",
                "cooperatingOffices", "[\"" + String.join("\",\"", COOPERATING) + "\"]", "instructions", "周五上午联合检查 Friday morning"));
    }

    private void recordAllFindings(ProcessInstance pi) {
        for (String office : COOPERATING) {
            engine.getIdentityService().clearAuthentication(); // the test looks the task up, the office completes it
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                    .taskCandidateGroup(office).singleResult();
            as(office);
            completeAsCurrentUser(task, withVariables("findings", office + ": 现场核实 checked on site"));
        }
    }

    private void legalReview(ProcessInstance pi) {
        as(LEAD);
        completeAsCurrentUser(taskAt(pi, Tasks.LEGAL_REVIEW), withVariables("legalOpinion", "事实清楚，证据充分 facts clear",
                "legalBasis", "《重庆市城市管理综合行政执法条例》"));
    }

    private void decide(ProcessInstance pi, String decision, Map<String, Object> more) {
        as(LEAD);
        var variables = withVariables("decision", decision, "decisionReason", "依据现场调查和法制审核 per findings and review");
        variables.putAll(more);
        completeAsCurrentUser(taskAt(pi, Tasks.DECIDE), variables);
    }

    private void as(String user) {
        engine.getIdentityService().setAuthentication(user, List.of(user));
    }

    private Task taskAt(ProcessInstance pi, String taskKey) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    }

    private String businessKey(ProcessInstance pi) {
        var running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
        return running != null ? running.getBusinessKey() : engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId()).singleResult().getBusinessKey();
    }

    private static AuditEntry only(List<AuditEntry> entries, String action) {
        List<AuditEntry> matching = entries.stream().filter(e -> e.action().equals(action)).toList();
        assertThat(matching).as(action).hasSize(1);
        return matching.get(0);
    }
}
