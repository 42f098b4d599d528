package org.civicflow.citizenrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.civicflow.CivicflowTest;
import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.civicflow.MailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** Every path of {@code processes/citizen-request.bpmn}, started through intake as a real submission would be. */
@CivicflowTest
class CitizenRequestProcessTests {

    static final Submission.Location JIEFANGBEI = new Submission.Location(29.5575, 106.5770);

    @RegisterExtension
    static GreenMailExtension smtp = MailServer.start();

    @Autowired
    ProcessEngine engine;
    @Autowired
    IntakeService intake;
    @Autowired
    CaseService cases;
    @Autowired
    MailOutbox outbox;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void useTheApplicationsEngine() {
        BpmnAwareTests.init(engine);
        jdbc.update("DELETE FROM cf_mail_outbox"); // mails other test classes queued (nothing sends them there)
    }

    @Test
    void aRequestWithKnownSubdistrictGoesStraightToItsHandlerAndClosesAfterCallBack() {
        ProcessInstance pi = submit("noise", JIEFANGBEI, null, "渝中区解放碑街道民族路188号");

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.SIGN_FOR);
        assertThat(task()).hasCandidateGroup("500103003-handler");
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.DISPATCHED);
        assertThat(caseOf(pi).officeGroup()).isEqualTo("500103003-handler");

        signFor();
        handle("resolved");
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.CALL_BACK);
        assertThat(task()).hasCandidateGroup("500103-dispatch");
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.REPLIED);
        callBack("yes", "satisfied");
        deliverMail(pi);

        assertThat(pi).isEnded().hasPassedInOrder("ServiceTask_ClassifyAndRoute", "UserTask_SignFor",
                "ServiceTask_StartHandlingClock", "UserTask_Handle", "UserTask_CallBack", "ServiceTask_CloseCase",
                "EndEvent_CaseClosed");
        // receipt, reply and call-back invitation to the reporter; the dispatch to the office that signed for it
        assertThat(smtp.getReceivedMessages()).extracting(MailServer::recipients).containsExactlyInAnyOrder(
                java.util.List.of("zhang@example.org"), java.util.List.of("zhang@example.org"),
                java.util.List.of("zhang@example.org"), java.util.List.of("500103003-handler@offices.civicflow.example"));
        assertThat(smtp.getReceivedMessages()).extracting(MailServer::subject)
                .anyMatch(subject -> subject.contains("受理") && subject.contains(pi.getBusinessKey()))
                .anyMatch(subject -> subject.contains("派单") && subject.contains(pi.getBusinessKey()))
                .anyMatch(subject -> subject.contains("答复") && subject.contains(pi.getBusinessKey()))
                .anyMatch(subject -> subject.contains("回访") && subject.contains(pi.getBusinessKey()));
        CaseRecord closed = caseOf(pi);
        assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.outcome()).isEqualTo("resolved");
        assertThat(closed.satisfaction()).isEqualTo("satisfied");
        assertThat(closed.closedAt()).isNotNull();
        // other tests' noise requests at 解放碑 can make this one a hotspot: those escalation events change no status
        assertThat(cases.timeline(pi.getBusinessKey())).filteredOn(e -> e.type() != CaseEventType.MAIL_SENT
                        && e.type() != CaseEventType.HOTSPOT_FLAGGED
                        && e.type() != CaseEventType.NOTIFIED && e.type() != CaseEventType.JOINT_ENFORCEMENT_PROPOSED)
                .extracting(CaseEvent::toStatus).containsExactly(
                CaseStatus.SUBMITTED, CaseStatus.SUBMITTED, CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS,
                CaseStatus.REPLIED, CaseStatus.CLOSED);
        assertThat(cases.timeline(pi.getBusinessKey())).filteredOn(e -> e.type() == CaseEventType.MAIL_SENT).hasSize(4);
    }

    @Test
    void aRequestWithOnlyALocationIsDispatchedByTheDistrictDesk() {
        ProcessInstance pi = submit("waste", JIEFANGBEI, null, null);

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.DISTRICT_DISPATCH);
        assertThat(engine.getRuntimeService().getVariables(pi.getId()))
                .as("the forms' summary and Tasklist's columns").containsKeys(CitizenRequestProcess.Vars.CASE_SUMMARY,
                        CitizenRequestProcess.Vars.CASE_NUMBER, CitizenRequestProcess.Vars.CATEGORY_LABEL)
                .as("what was not given is no variable").doesNotContainKeys(CitizenRequestProcess.Vars.ADDRESS,
                        CitizenRequestProcess.Vars.ATTRIBUTES)
                .as("what was submitted is the case record's").doesNotContainKeys(CitizenRequestProcess.Vars.LATITUDE,
                        CitizenRequestProcess.Vars.REPORTER_EMAIL, CitizenRequestProcess.Vars.DESCRIPTION,
                        CitizenRequestProcess.Vars.DIVISION_CODE)
                .as("the gateway's working value and counts not counted yet").doesNotContainKeys(
                        CitizenRequestProcess.Vars.DISPATCH_LEVEL, CitizenRequestProcess.Vars.RETURN_COUNT,
                        CitizenRequestProcess.Vars.REOPEN_COUNT);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .list()).extracting(a -> a.getActivityId())
                .as("the way the gateways went is the next activity").contains("ServiceTask_ClassifyAndRoute",
                        CitizenRequestProcess.Tasks.DISTRICT_DISPATCH)
                .noneMatch(id -> id.startsWith("Gateway_"));
        assertThat(caseOf(pi).processInstanceId()).isEqualTo(pi.getId());
        assertThat(task()).hasCandidateGroup("500103-dispatch");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).initializeFormKeys().singleResult()
                .getCamundaFormRef()).satisfies(form -> {
                    assertThat(form.getKey()).isEqualTo("district-dispatch");
                    assertThat(form.getBinding()).isEqualTo("deployment");
                });
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.AWAITING_DISTRICT_DISPATCH);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "officeOptions").toString())
                .contains("500103003-handler").contains("500103-environment");

        dispatchTo("500103003-handler");

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.SIGN_FOR);
        assertThat(task()).hasCandidateGroup("500103003-handler");
    }

    @Test
    void aRequestWithNoKnownDistrictIsDispatchedByTheCityThenTheDistrict() {
        ProcessInstance pi = submit("streetlight", null, null, "小区门口的路灯坏了");

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.CITY_DISPATCH);
        assertThat(task()).hasCandidateGroup("500000-dispatch");
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.AWAITING_CITY_DISPATCH);

        complete(task(), withVariables("chosenDistrictCode", "500106", "dispatchNote", "caller says Shapingba"));

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.DISTRICT_DISPATCH);
        assertThat(task()).hasCandidateGroup("500106-dispatch");
        dispatchTo("500106001-handler"); // 小龙坎街道
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.SIGN_FOR);
        assertThat(caseOf(pi).districtCode()).isEqualTo("500106");
    }

    @Test
    void anAirPollutionComplaintGoesStraightToTheDistrictEnvironmentBureau() {
        ProcessInstance pi = submit("air-pollution", JIEFANGBEI, null, null);

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.SIGN_FOR);
        assertThat(task()).hasCandidateGroup("500103-environment");
    }

    @Test
    void aMisroutedCaseReturnsToTheDistrictDispatchWithItsReason() {
        ProcessInstance pi = submit("noise", JIEFANGBEI, "500103003", null);

        returnIt("the venue is across the road, in 化龙桥");

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.DISTRICT_DISPATCH);
        assertThat(task()).hasCandidateGroup("500103-dispatch");
        CaseRecord returned = caseOf(pi);
        assertThat(returned.status()).isEqualTo(CaseStatus.RETURNED);
        assertThat(lastEvent(pi).type()).isEqualTo(CaseEventType.RETURNED);
        assertThat(lastEvent(pi).reason()).contains("化龙桥").contains("500103003-handler");

        dispatchTo("500103008-handler");
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.SIGN_FOR);
        assertThat(task()).hasCandidateGroup("500103008-handler");
    }

    @Test
    void aCaseReturnedTwiceGoesToTheCityForARuling() {
        ProcessInstance pi = submit("noise", JIEFANGBEI, "500103003", null);
        returnIt("not ours");
        dispatchTo("500103008-handler");

        returnIt("not ours either");

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.DECIDE_AFTER_RETURNS);
        assertThat(task()).hasCandidateGroup("500000-dispatch");
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.AWAITING_RULING);

        complete(task(), withVariables("chosenDistrictCode", "500103", "ruling", "the venue's licence is registered in 解放碑"));
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.DISTRICT_DISPATCH);
        dispatchTo("500103003-handler");
        signFor();
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.HANDLE);
    }

    @Test
    void anUnresolvedAndUnsatisfiedCallBackReopensTheCaseOnce() {
        ProcessInstance pi = submit("noise", JIEFANGBEI, "500103003", null);
        signFor();
        handle("partly");

        callBack("no", "unsatisfied");

        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.HANDLE);
        assertThat(task()).hasCandidateGroup("500103003-handler");
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.REOPENED);

        handle("partly");
        callBack("no", "unsatisfied");
        deliverMail(pi);

        assertThat(pi).isEnded();
        assertThat(caseOf(pi).status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(caseOf(pi).satisfaction()).isEqualTo("unsatisfied");
    }

    @Test
    void anUnsatisfiedCitizenWhoseProblemIsResolvedDoesNotReopenTheCase() {
        ProcessInstance pi = submit("noise", JIEFANGBEI, "500103003", null);
        signFor();
        handle("resolved");

        callBack("yes", "unsatisfied");
        deliverMail(pi);

        assertThat(pi).isEnded();
    }

    @Test
    void aReturnWithoutReasonIsRefusedAndTheTaskStays() {
        ProcessInstance pi = submit("noise", JIEFANGBEI, "500103003", null);

        assertThatThrownBy(() -> complete(task(), withVariables("signForDecision", "return")))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("returnReason");
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.SIGN_FOR);
    }

    @Test
    void aDispatchToAnOfficeOfAnotherDistrictIsRefused() {
        ProcessInstance pi = submit("waste", JIEFANGBEI, null, null);

        assertThatThrownBy(() -> dispatchTo("500106001-handler"))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("chosenOfficeGroup");
        assertThat(pi).isWaitingAt(CitizenRequestProcess.Tasks.DISTRICT_DISPATCH);
    }

    // given / when helpers

    private ProcessInstance submit(String category, Submission.Location location, String divisionCode, String address) {
        CaseRecord record = intake.submit(new Submission(category, "test request: " + category, location, divisionCode,
                address, new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()),
                "test");
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(record.processInstanceId()).singleResult();
        assertThat(pi).isStarted();
        return pi;
    }

    private static void signFor() {
        complete(task(), withVariables("signForDecision", "sign"));
    }

    private static void returnIt(String reason) {
        complete(task(), withVariables("signForDecision", "return", "returnReason", reason));
    }

    private static void dispatchTo(String office) {
        complete(task(), withVariables("chosenOfficeGroup", office));
    }

    private static void handle(String outcome) {
        complete(task(), withVariables("actionsTaken", "inspected on site", "outcome", outcome,
                "outcomeReason", "resolved".equals(outcome) ? null : "the owner refuses", "replyToCitizen", "we acted"));
    }

    private static void callBack(String resolved, String satisfaction) {
        complete(task(), withVariables("citizenSaysResolved", resolved, "satisfaction", satisfaction));
    }

    /** Runs the asynchronous mail steps, as the job executor would, and a round of the mail outbox. */
    private void deliverMail(ProcessInstance pi) {
        engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).messages().list()
                .forEach(job -> engine.getManagementService().executeJob(job.getId()));
        outbox.sendDue();
    }

    private CaseRecord caseOf(ProcessInstance pi) {
        return cases.find(pi.getBusinessKey()).orElseThrow();
    }

    private CaseEvent lastEvent(ProcessInstance pi) {
        var events = cases.timeline(pi.getBusinessKey());
        return events.get(events.size() - 1);
    }
}
