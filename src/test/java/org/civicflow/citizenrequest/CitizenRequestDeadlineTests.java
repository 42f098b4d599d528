package org.civicflow.citizenrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.civicflow.CivicflowTest;
import org.civicflow.MailServer;
import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.civicflow.sla.DeadlineCalculator;
import org.civicflow.sla.DeadlineMetrics;
import org.civicflow.sla.SlaClass;
import org.civicflow.sla.SlaStage;
import org.civicflow.sla.WorkingDayCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.internet.MimeMessage;

/**
 * The deadlines of {@code citizen-request.bpmn}: due dates against the working-day calendar, the 75% reminder, supervision
 * (督办) on a breach, extensions (延期), the pause while waiting for the citizen, and mail through a real SMTP server. Time
 * is the engine's clock, set per test; timers are tested by reading their jobs' due dates and executing them.
 */
@CivicflowTest
class CitizenRequestDeadlineTests {

    static final Submission.Location JIEFANGBEI = new Submission.Location(29.5575, 106.5770);
    static final String JIEFANGBEI_HANDLER = "500103003-handler";
    static final String OFFICES = "@offices.civicflow.example";

    /** Friday before the 2026 Spring Festival; Saturday 14 February is a make-up working day, 15–23 February are off. */
    static final Instant FRIDAY_13_FEB = beijing("2026-02-13T10:00");
    /** A plain Monday after the holiday. */
    static final Instant MONDAY_2_MAR = beijing("2026-03-02T09:00");

    @RegisterExtension
    static GreenMailExtension smtp = MailServer.start();

    @Autowired
    ProcessEngine engine;
    @Autowired
    IntakeService intake;
    @Autowired
    CaseService cases;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    DeadlineCalculator deadlines;
    @Autowired
    DeadlineMetrics metrics;
    @Autowired
    MailOutbox outbox;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void useTheApplicationsEngine() {
        BpmnAwareTests.init(engine);
        jdbc.update("DELETE FROM cf_mail_outbox"); // mails other test classes queued (nothing sends them there)
    }

    @AfterEach
    void resetTheEngineClock() {
        ClockUtil.reset();
    }

    // due dates

    @Test
    void everyStageIsDueByThePolicyCountedInWorkingDaysAcrossTheSpringFestival() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");

        Instant signForDue = beijing("2026-02-24T17:30"); // Sat 14 Feb, then Tue 24 Feb after the holiday
        assertThat(signForDue).isEqualTo(calendar.addWorkingDays(FRIDAY_13_FEB, 2));
        assertDue(task(Tasks.SIGN_FOR, pi), job("BoundaryTimer_SignForDeadline", pi), signForDue);
        Instant signForReminder = deadlines.reminderAt(FRIDAY_13_FEB, signForDue);
        assertThat(signForReminder).isEqualTo(beijing("2026-02-21T21:37:30")); // 75% of 271.5 h
        assertThat(task(Tasks.SIGN_FOR, pi).getFollowUpDate()).isEqualTo(Date.from(signForReminder));
        assertThat(job("BoundaryTimer_SignForReminder", pi).getDuedate()).isEqualTo(Date.from(signForReminder));

        at(MONDAY_2_MAR);
        signFor(pi);
        Instant handlingDue = beijing("2026-03-23T17:30"); // a complaint: 15 working days
        assertThat(handlingDue).isEqualTo(calendar.addWorkingDays(MONDAY_2_MAR, 15));
        assertDue(task(Tasks.HANDLE, pi), job("BoundaryTimer_HandlingDeadline", pi), handlingDue);
        assertThat(job("BoundaryTimer_HandlingReminder", pi).getDuedate())
                .isEqualTo(Date.from(deadlines.reminderAt(MONDAY_2_MAR, handlingDue)))
                .isEqualTo(task(Tasks.HANDLE, pi).getFollowUpDate());

        at(beijing("2026-03-06T16:00"));
        reply(pi);
        assertDue(task(Tasks.CALL_BACK, pi), job("BoundaryTimer_CallBackDeadline", pi), beijing("2026-03-11T17:30"));
    }

    @Test
    void dispatchIsDueOnTheClockByUrgency() {
        at(FRIDAY_13_FEB);
        ProcessInstance leak = submit("pipeline-leak", JIEFANGBEI, null);
        assertThat(leak).isWaitingAt(Tasks.DISTRICT_DISPATCH);
        assertDue(task(Tasks.DISTRICT_DISPATCH, leak), job("BoundaryTimer_DistrictDispatchDeadline", leak),
                FRIDAY_13_FEB.plus(Duration.ofHours(2)));

        ProcessInstance streetlight = submitWithAddress("streetlight", "小区门口的路灯坏了");
        assertThat(streetlight).isWaitingAt(Tasks.CITY_DISPATCH);
        assertDue(task(Tasks.CITY_DISPATCH, streetlight), job("BoundaryTimer_CityDispatchDeadline", streetlight),
                FRIDAY_13_FEB.plus(Duration.ofHours(24)));
    }

    // reminder

    @Test
    void atThreeQuartersOfTheTimeTheOfficeIsRemindedByMail() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");

        at(beijing("2026-02-21T21:37:30"));
        execute(job("BoundaryTimer_SignForReminder", pi));
        execute(job(CitizenRequestProcess.Activities.SEND_REMINDER, pi));

        assertThat(pi).isWaitingAt(Tasks.SIGN_FOR);
        MimeMessage mail = onlyMailTo(JIEFANGBEI_HANDLER + OFFICES);
        assertThat(MailServer.subject(mail)).contains("提醒").contains(pi.getBusinessKey()).contains("2026-02-24 17:30");
        assertThat(events(pi, CaseEventType.DEADLINE_REMINDER)).singleElement()
                .satisfies(e -> assertThat(e.officeGroup()).isEqualTo(JIEFANGBEI_HANDLER));
        assertThat(events(pi, CaseEventType.MAIL_SENT)).extracting(CaseEvent::reason).anyMatch(r -> r.startsWith("reminder"));
    }

    // dispatch and call-back mails

    @Test
    void eachOfficeTheCaseIsDispatchedToGetsOneMail() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = startKeepingItsMails(new Submission("noise", "test request: noise", JIEFANGBEI, "500103003",
                null, new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()));
        // the first office returns the case before the outbox's round, the district desk dispatches it again
        complete(task(Tasks.SIGN_FOR, pi), withVariables("signForDecision", "return", "returnReason", "在化龙桥 in 化龙桥"));
        complete(task(Tasks.DISTRICT_DISPATCH, pi), withVariables("chosenOfficeGroup", "500103008-handler"));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).messages().count())
                .as("queued in the outbox, not engine jobs").isZero();

        assertThat(outbox.sendDue()).isEqualTo(3); // the receipt and the two notices

        assertThat(smtp.getReceivedMessages()).extracting(MailServer::recipients).containsExactlyInAnyOrder(
                List.of("zhang@example.org"), List.of(JIEFANGBEI_HANDLER + OFFICES), List.of("500103008-handler" + OFFICES));
        assertThat(smtp.getReceivedMessages()).filteredOn(mail -> !MailServer.recipients(mail).contains("zhang@example.org"))
                .hasSize(2).allSatisfy(mail -> {
                    assertThat(MailServer.subject(mail)).contains("派单").contains(pi.getBusinessKey());
                    assertThat(body(mail)).contains("签收").contains("sign for it by 2026-02-24 17:30");
                });
        assertThat(events(pi, CaseEventType.MAIL_SENT)).extracting(CaseEvent::reason).containsExactlyInAnyOrder(
                "receipt mail to zhang@example.org",
                "dispatched mail to " + JIEFANGBEI_HANDLER + OFFICES + ", 500103008-handler" + OFFICES);
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void casesDispatchedToOneOfficeBetweenTwoRoundsReachItAsOneDigest() {
        at(FRIDAY_13_FEB);
        Submission.Reporter noAddress = new Submission.Reporter("李四", "13900000000", null);
        List<ProcessInstance> dispatched = List.of("noise", "waste", "streetlight").stream()
                .map(category -> startKeepingItsMails(new Submission(category, "test request: " + category, null,
                        "500103003", null, noAddress, "hotline", null, Map.of()))).toList();

        assertThat(outbox.waiting()).as("three notices; no receipt without the reporter's address").isEqualTo(3);
        assertThat(outbox.sendDue()).isOne();

        MimeMessage digest = onlyMailTo(JIEFANGBEI_HANDLER + OFFICES);
        assertThat(MailServer.subject(digest)).contains("3 件").contains("3 cases");
        dispatched.forEach(pi -> assertThat(body(digest)).contains(pi.getBusinessKey()).contains("2026-02-24 17:30"));
        dispatched.forEach(pi -> assertThat(events(pi, CaseEventType.MAIL_SENT)).extracting(CaseEvent::reason)
                .containsExactly("dispatched mail to " + JIEFANGBEI_HANDLER + OFFICES));
    }

    @Test
    void anOfficesMailsWaitForItsWindowThenAllThatWaitsGoesInOneMail() {
        at(FRIDAY_13_FEB);
        Submission.Reporter noAddress = new Submission.Reporter("李四", "13900000000", null);
        ProcessInstance first = startKeepingItsMails(new Submission("noise", "test request: noise", null, "500103003",
                null, noAddress, "hotline", null, Map.of()));
        ProcessInstance second = startKeepingItsMails(new Submission("waste", "test request: waste", null, "500103003",
                null, noAddress, "hotline", null, Map.of()));
        // both queued while the office's window is open (the tests' window is zero)
        jdbc.update("UPDATE cf_mail_outbox SET next_attempt_at = next_attempt_at + INTERVAL '1' HOUR");

        assertThat(outbox.sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        // the first one's window closes: everything that waits for the office goes with it
        jdbc.update("UPDATE cf_mail_outbox SET next_attempt_at = next_attempt_at - INTERVAL '2' HOUR WHERE business_key = ?",
                first.getBusinessKey());
        assertThat(outbox.sendDue()).isOne();
        MimeMessage digest = onlyMailTo(JIEFANGBEI_HANDLER + OFFICES);
        assertThat(body(digest)).contains(first.getBusinessKey()).contains(second.getBusinessKey());
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void aRoundSendsAllThatIsDueInShortTransactions() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        jdbc.batchUpdate("""
                INSERT INTO cf_mail_outbox (template, recipient, business_key, process_instance_id, subject, body, summary,
                    queued_at, next_attempt_at)
                VALUES ('breach', 'burst@offices.civicflow.example', ?, ?, 'subject', 'body', ?, CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP)
                """, java.util.stream.IntStream.rangeClosed(1, 1100)
                .mapToObj(i -> new Object[] {pi.getBusinessKey(), pi.getId(), "line " + i}).toList());

        // 500 rows per transaction: three digests to the one office, and nothing left
        assertThat(outbox.sendDue()).isEqualTo(3);
        assertThat(outbox.waiting()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(3)
                .allSatisfy(mail -> assertThat(MailServer.subject(mail)).contains("Deadlines missed"));
    }

    @Test
    void aDispatchNoticeShowsTheCaseAsItIsWhenItIsSent() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = startKeepingItsMails(new Submission("noise", "test request: noise", null, "500103003", null,
                new Submission.Reporter("李四", "13900000000", null), "hotline", null, Map.of()));
        // raised after the notice was queued, as escalation at intake does in the same transaction
        cases.raiseSlaClass(pi.getBusinessKey(), SlaClass.URGENT.code(), CaseService.SYSTEM_ACTOR, "test: raised", null);

        outbox.sendDue();

        assertThat(body(onlyMailTo(JIEFANGBEI_HANDLER + OFFICES))).contains(SlaLabels.of(SlaClass.URGENT))
                .contains("噪声扰民").contains("test request: noise").contains(pi.getBusinessKey());
    }

    @Test
    void theReporterIsInvitedToTheCallBackByMail() {
        ProcessInstance pi = signedConsultation();
        at(beijing("2026-03-06T16:00"));
        reply(pi);
        assertThat(pi).isWaitingAt(Tasks.CALL_BACK);

        execute(job(CitizenRequestProcess.Activities.MAIL_CALL_BACK_INVITATION, pi));

        MimeMessage mail = onlyMailTo("zhang@example.org");
        assertThat(MailServer.subject(mail)).contains("回访").contains(pi.getBusinessKey());
        assertThat(body(mail)).contains("2026-03-11 17:30").contains("satisfied");
        assertThat(events(pi, CaseEventType.MAIL_SENT)).extracting(CaseEvent::reason)
                .singleElement().asString().startsWith("callBackInvitation");
    }

    @Test
    void aReporterWithoutAnAddressGetsNoInvitationAndTheStepEndsQuietly() {
        at(MONDAY_2_MAR);
        ProcessInstance pi = start(new Submission("consultation", "test request: consultation", null, "500103003", null,
                new Submission.Reporter("李四", "13900000000", null), "hotline", null, Map.of()));
        signFor(pi);
        reply(pi);

        execute(job(CitizenRequestProcess.Activities.MAIL_CALL_BACK_INVITATION, pi));

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(events(pi, CaseEventType.MAIL_SENT)).isEmpty();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(CitizenRequestProcess.Activities.MAIL_CALL_BACK_INVITATION).count()).isZero();
        assertThat(pi).isWaitingAt(Tasks.CALL_BACK);
    }

    // breach and supervision

    @Test
    void aSubdistrictMissingItsSignForDeadlineIsSupervisedByItsDistrict() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        double before = metrics.count(DeadlineMetrics.BREACHED, SlaStage.SIGN_FOR, "complaint", JIEFANGBEI_HANDLER);

        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");

        assertThat(pi).isWaitingAt(Tasks.SIGN_FOR, Tasks.SUPERVISE);
        assertThat(task(Tasks.SIGN_FOR, pi)).hasCandidateGroup(JIEFANGBEI_HANDLER);
        assertThat(task(Tasks.SUPERVISE, pi)).hasCandidateGroup("500103-supervisor");
        assertThat(events(pi, CaseEventType.DEADLINE_BREACHED)).singleElement().satisfies(e -> {
            assertThat(e.officeGroup()).isEqualTo(JIEFANGBEI_HANDLER);
            assertThat(e.reason()).contains("2026-02-24 17:30").contains("500103-supervisor");
        });
        assertThat(metrics.count(DeadlineMetrics.BREACHED, SlaStage.SIGN_FOR, "complaint", JIEFANGBEI_HANDLER))
                .isEqualTo(before + 1);

        assertThat(outbox.waiting()).isEqualTo(2); // queued with the breach, one per recipient
        assertThat(outbox.sendDue()).isEqualTo(2);
        assertThat(smtp.getReceivedMessages()).extracting(MailServer::recipients).containsExactlyInAnyOrder(
                List.of(JIEFANGBEI_HANDLER + OFFICES), List.of("500103-supervisor" + OFFICES));
        assertThat(smtp.getReceivedMessages()).allSatisfy(mail -> {
            assertThat(MailServer.subject(mail)).contains("超时").contains(pi.getBusinessKey());
            assertThat(body(mail)).contains("2026-02-24 17:30").contains("500103-supervisor");
        });
        assertThat(events(pi, CaseEventType.MAIL_SENT)).extracting(CaseEvent::reason).singleElement().asString()
                .startsWith("breach mail to ").contains(JIEFANGBEI_HANDLER).contains("500103-supervisor");
        assertThat(outbox.waiting()).isZero();
        assertThat(outbox.sendDue()).isZero();
    }

    @Test
    void theSupervisorsFormHasTheBreachWhileHistoryKeepsOnlyItsFacts() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");

        Map<String, Object> form = engine.getTaskService().getVariables(task(Tasks.SUPERVISE, pi).getId());
        assertThat(form).containsEntry(Vars.LATE_OFFICE, JIEFANGBEI_HANDLER).containsKeys(Vars.CASE_SUMMARY)
                .containsEntry(Vars.MISSED_DEADLINE, "2026-02-24 17:30")
                .containsKeys(Vars.LATE_OFFICE_NAME, Vars.LATE_TASK_NAME, Vars.REASSIGN_OPTIONS, Vars.CATEGORY_LABEL);

        List<String> recorded = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).list().stream().map(v -> v.getName()).toList();
        assertThat(recorded).contains(Vars.CATEGORY, Vars.SLA_CLASS, Vars.HANDLER_GROUP, Vars.LATE_OFFICE,
                        Vars.SUPERVISOR_GROUP, Vars.SLA_STAGE)
                .doesNotContain(Vars.CATEGORY_LABEL, Vars.HANDLER_OFFICE_NAME, Vars.MAIL_TEMPLATE,
                        Vars.REASSIGN_OPTIONS, Vars.LATE_OFFICE_NAME, Vars.MISSED_DEADLINE, Vars.DEADLINE_TIMER)
                .as("what was submitted is the case record's").doesNotContain(Vars.CASE_SUMMARY, Vars.DESCRIPTION,
                        Vars.REPORTER_PHONE)
                .as("no empty placeholders for the supervisor's answers").doesNotContain(Vars.SUPERVISION_ACTION);

        supervise(pi, Map.of(Vars.SUPERVISION_ACTION, "urge", Vars.SUPERVISION_NOTE, "请今日签收"));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(Vars.SUPERVISION_NOTE).list()).extracting(v -> v.getValue(), v -> v.getState())
                .as("set on the instance and moved onto the supervision in one command: one row, the supervision's")
                .containsExactly(tuple("请今日签收", "CREATED"));
        assertThat(engine.getRuntimeService().getVariablesLocal(pi.getId()))
                .as("the next supervision of the case starts with an empty form")
                .doesNotContainKeys(Vars.SUPERVISION_ACTION, Vars.SUPERVISION_NOTE, Vars.SUPERVISION_MAIL_TO);
    }

    @Test
    void aRoundRunningOnAnotherNodeLeavesTheMailsToIt() throws Exception {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");

        try (java.sql.Connection otherNode = jdbc.getDataSource().getConnection()) {
            otherNode.setAutoCommit(false);
            otherNode.createStatement().executeQuery("SELECT id FROM cf_mail_round WHERE id = 1 FOR UPDATE").next();
            assertThat(outbox.sendDue()).isZero(); // the other round holds it: nothing sent twice, nothing split
            assertThat(outbox.waiting()).isEqualTo(2);
            otherNode.rollback();
        }
        assertThat(outbox.sendDue()).isEqualTo(2);
        assertThat(events(pi, CaseEventType.MAIL_SENT)).hasSize(1);
    }

    @Test
    void mailsSentJustBeforeACrashAreRecordedByTheNextRoundWithoutGoingAgain() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");
        // as a round leaves them if the application dies after its sending transaction, before the timeline's
        jdbc.update("UPDATE cf_mail_outbox SET sent_at = CURRENT_TIMESTAMP WHERE business_key = ?", pi.getBusinessKey());
        assertThat(outbox.waiting()).isZero();

        assertThat(outbox.sendDue()).isZero();

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(events(pi, CaseEventType.MAIL_SENT)).extracting(CaseEvent::reason).singleElement().asString()
                .startsWith("breach mail to ").contains(JIEFANGBEI_HANDLER + OFFICES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cf_mail_outbox WHERE business_key = ?", Long.class,
                pi.getBusinessKey())).isZero();
    }

    @Test
    void anInstanceOfAnEarlierVersionSendsItsBreachMailOnlyIfNoneWasQueued() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        assertThat(outbox.mailedSinceLatestBreach(pi.getBusinessKey())).isFalse(); // a breach before the upgrade

        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");
        assertThat(outbox.mailedSinceLatestBreach(pi.getBusinessKey())).isTrue(); // queued
        outbox.sendDue();
        assertThat(outbox.mailedSinceLatestBreach(pi.getBusinessKey())).isTrue(); // sent
    }

    @Test
    void aBurstOfBreachesReachesEachOfficeAsOneDigest() {
        at(FRIDAY_13_FEB);
        List<ProcessInstance> late = List.of(submit("noise", null, "500103003"), submit("waste", null, "500103003"),
                submit("streetlight", null, "500103003"));
        late.forEach(pi -> breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30"));

        assertThat(outbox.sendDue()).isEqualTo(2); // the late office and its supervisor, one mail each
        assertThat(smtp.getReceivedMessages()).hasSize(2).allSatisfy(mail -> {
            assertThat(MailServer.subject(mail)).contains("3 件").contains("3 cases");
            late.forEach(pi -> assertThat(body(mail)).contains(pi.getBusinessKey()));
        });
        assertThat(smtp.getReceivedMessages()).extracting(MailServer::recipients).containsExactlyInAnyOrder(
                List.of(JIEFANGBEI_HANDLER + OFFICES), List.of("500103-supervisor" + OFFICES));
        late.forEach(pi -> assertThat(events(pi, CaseEventType.MAIL_SENT)).hasSize(1));
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void aBreachMailDuringAnSmtpOutageIsRetriedShowsAnIncidentAndGoesOnceWhenSmtpIsBack() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");

        smtp.stop();
        assertThat(outbox.sendDue()).isZero();
        assertThat(outbox.waiting()).isEqualTo(2); // nothing lost
        assertThat(events(pi, CaseEventType.MAIL_FAILED)).hasSize(2); // noted once per recipient, not per attempt
        assertThat(outbox.sendDue()).isZero(); // not due again before the retry delay
        assertThat(jdbc.queryForObject("SELECT MIN(attempts) FROM cf_mail_outbox", Integer.class)).isOne();
        for (int attempt = 2; attempt <= 5; attempt++) {
            retryDelayPasses();
            assertThat(outbox.sendDue()).isZero();
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .incidentType(MailOutbox.INCIDENT_TYPE).list()).hasSize(2)
                .allSatisfy(incident -> assertThat(incident.getIncidentMessage()).contains("not sent after 5 attempts"));
        assertThat(events(pi, CaseEventType.MAIL_FAILED)).hasSize(2);
        assertThat(pi).isWaitingAt(Tasks.SIGN_FOR, Tasks.SUPERVISE); // the case goes on meanwhile

        smtp.start();
        retryDelayPasses();
        assertThat(outbox.sendDue()).isEqualTo(2);

        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(events(pi, CaseEventType.MAIL_SENT)).hasSize(1);
        assertThat(outbox.waiting()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    private void retryDelayPasses() {
        jdbc.update("UPDATE cf_mail_outbox SET next_attempt_at = next_attempt_at - INTERVAL '1' HOUR");
    }

    @Test
    void aDistrictOfficeMissingItsDeadlineIsSupervisedByTheCity() {
        at(FRIDAY_13_FEB);
        ProcessInstance pollution = submit("air-pollution", JIEFANGBEI, null);
        assertThat(task(Tasks.SIGN_FOR, pollution)).hasCandidateGroup("500103-environment");
        breach(pollution, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");
        assertThat(task(Tasks.SUPERVISE, pollution)).hasCandidateGroup("500000-supervisor");

        at(FRIDAY_13_FEB);
        ProcessInstance waste = submit("waste", JIEFANGBEI, null);
        breach(waste, "BoundaryTimer_DistrictDispatchDeadline", "2026-02-14T10:00");
        assertThat(waste).isWaitingAt(Tasks.DISTRICT_DISPATCH, Tasks.SUPERVISE);
        assertThat(task(Tasks.SUPERVISE, waste)).hasCandidateGroup("500000-supervisor");
    }

    @Test
    void urgingLeavesANoteOnTheLateTaskAndMailsTheOffice() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");

        supervise(pi, Map.of("supervisionAction", "urge", "supervisionNote", "请今日内签收 Sign for it today"));
        execute(job(CitizenRequestProcess.Activities.MAIL_SUPERVISION, pi));

        Task late = task(Tasks.SIGN_FOR, pi);
        assertThat(engine.getTaskService().getTaskComments(late.getId())).extracting(Comment::getFullMessage)
                .singleElement().asString().contains("催办").contains("请今日内签收");
        assertThat(events(pi, CaseEventType.URGED)).hasSize(1);
        assertThat(MailServer.subject(onlyMailTo(JIEFANGBEI_HANDLER + OFFICES))).contains("督办").contains("催办");
        assertThat(pi).isWaitingAt(Tasks.SIGN_FOR);
    }

    @Test
    void reassigningGivesTheLateTaskToAnotherOfficeOfTheDistrict() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("noise", null, "500103003");
        breach(pi, "BoundaryTimer_SignForDeadline", "2026-02-24T17:30");

        supervise(pi, Map.of("supervisionAction", "reassign", "reassignTo", "500103008-handler",
                "supervisionNote", "化龙桥街道负责 化龙桥 is responsible"));
        execute(job(CitizenRequestProcess.Activities.MAIL_SUPERVISION, pi));

        assertThat(pi).isWaitingAt(Tasks.SIGN_FOR);
        assertThat(task(Tasks.SIGN_FOR, pi)).hasCandidateGroup("500103008-handler");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskCandidateGroup(JIEFANGBEI_HANDLER).count()).isZero();
        assertThat(cases.find(pi.getBusinessKey()).orElseThrow().officeGroup()).isEqualTo("500103008-handler");
        assertThat(events(pi, CaseEventType.REASSIGNED)).hasSize(1);
        onlyMailTo("500103008-handler" + OFFICES);

        signFor(pi);
        assertThat(task(Tasks.HANDLE, pi)).hasCandidateGroup("500103008-handler");
    }

    @Test
    void reassigningALateDispatchDeskIsRefused() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = submit("waste", JIEFANGBEI, null);
        breach(pi, "BoundaryTimer_DistrictDispatchDeadline", "2026-02-14T10:00");

        assertThatThrownBy(() -> supervise(pi, Map.of("supervisionAction", "reassign", "reassignTo", "500103008-handler",
                "supervisionNote", "x"))).hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("only a case with an office can be reassigned");
        assertThat(pi).isWaitingAt(Tasks.DISTRICT_DISPATCH, Tasks.SUPERVISE);
    }

    @Test
    void theSupervisorCanTakeTheLateHandlingOver() {
        ProcessInstance pi = signedConsultation();
        breach(pi, "BoundaryTimer_HandlingDeadline", "2026-03-05T17:30");

        supervise(pi, Map.of("supervisionAction", "takeOver", "supervisionNote", "区督办室直接办理 we handle it"));

        assertThat(task(Tasks.HANDLE, pi)).hasCandidateGroup("500103-supervisor");
        assertThat(task(Tasks.HANDLE, pi).getAssignee()).isNull();
        assertThat(events(pi, CaseEventType.TAKEN_OVER)).hasSize(1);
    }

    @Test
    void theSupervisorCanExtendALateHandlingDeadline() {
        ProcessInstance pi = signedConsultation();
        breach(pi, "BoundaryTimer_HandlingDeadline", "2026-03-05T17:30");

        supervise(pi, Map.of("supervisionAction", "extend", "supervisionExtendUntil", "2026-03-10",
                "supervisionNote", "市民同意 the citizen agrees"));

        assertThat(task(Tasks.HANDLE, pi).getDueDate()).isEqualTo(Date.from(beijing("2026-03-10T17:30")));
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "extensionWorkingDays")).isEqualTo(3);
    }

    // extension (延期)

    @Test
    void anApprovedExtensionMovesTheTimersAndTheDueDate() {
        ProcessInstance pi = signedConsultation(); // due Thu 5 Mar 17:30, reminder Wed 4 Mar 21:22:30
        Instant reminder = beijing("2026-03-04T21:22:30");
        assertThat(job("BoundaryTimer_HandlingReminder", pi).getDuedate()).isEqualTo(Date.from(reminder));

        at(beijing("2026-03-03T10:00"));
        askForExtension(pi, "2026-03-10");
        assertThat(pi).isWaitingAt(Tasks.APPROVE_EXTENSION);
        assertThat(task(Tasks.APPROVE_EXTENSION, pi)).hasCandidateGroup("500103-supervisor");
        assertThat(events(pi, CaseEventType.EXTENSION_REQUESTED)).hasSize(1);

        complete(task(Tasks.APPROVE_EXTENSION, pi), withVariables("extensionDecision", "approve"));

        Instant extended = beijing("2026-03-10T17:30"); // Fri 6, Mon 9, Tue 10: 3 working days more
        assertDue(task(Tasks.HANDLE, pi), job("BoundaryTimer_HandlingDeadline", pi), extended);
        assertThat(job("BoundaryTimer_HandlingReminder", pi).getDuedate())
                .isEqualTo(Date.from(reminder.plus(Duration.ofDays(5))))
                .isEqualTo(task(Tasks.HANDLE, pi).getFollowUpDate());
        assertThat(events(pi, CaseEventType.EXTENSION_APPROVED)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("3 working day").contains("2026-03-10 17:30"));
    }

    @Test
    void aRejectedExtensionKeepsTheDeadline() {
        ProcessInstance pi = signedConsultation();
        at(beijing("2026-03-03T10:00"));
        askForExtension(pi, "2026-03-10");

        complete(task(Tasks.APPROVE_EXTENSION, pi), withVariables("extensionDecision", "reject",
                "extensionDecisionNote", "咨询类三日内可答复 a consultation can be answered in time"));

        assertDue(task(Tasks.HANDLE, pi), job("BoundaryTimer_HandlingDeadline", pi), beijing("2026-03-05T17:30"));
        assertThat(events(pi, CaseEventType.EXTENSION_REJECTED)).hasSize(1);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "handlingAction")).isNull();
    }

    @Test
    void anExtensionAskedOnTheDeadlineDayIsRefused() {
        ProcessInstance pi = signedConsultation();
        at(beijing("2026-03-05T10:00"));

        assertThatThrownBy(() -> askForExtension(pi, "2026-03-10"))
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("at least 1 working day(s) before the deadline");
        assertThat(pi).isWaitingAt(Tasks.HANDLE);
    }

    @Test
    void anExtensionOfMoreThanTenWorkingDaysIsRefused() {
        ProcessInstance pi = signedConsultation();
        at(beijing("2026-03-03T10:00"));

        assertThatThrownBy(() -> askForExtension(pi, "2026-03-20")) // 11 working days after Thu 5 Mar
                .hasRootCauseInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("at most 10 working days");
        askForExtension(pi, "2026-03-19"); // 10 is allowed
        assertThat(pi).isWaitingAt(Tasks.APPROVE_EXTENSION);
    }

    // waiting for the citizen

    @Test
    void waitingForTheCitizenStopsTheClockAndResumingKeepsTheTimeLeft() {
        ProcessInstance pi = signedConsultation(); // due Thu 5 Mar 17:30
        at(beijing("2026-03-03T10:00"));

        complete(task(Tasks.HANDLE, pi), withVariables("handlingAction", "waitForCitizen",
                "missingInformation", "噪声发生的具体时段 when exactly the noise occurs"));

        assertThat(pi).isWaitingAt(Tasks.AWAIT_CITIZEN);
        assertThat(job("BoundaryTimer_HandlingDeadline", pi).isSuspended()).isTrue();
        assertThat(job("BoundaryTimer_HandlingReminder", pi).isSuspended()).isTrue();
        assertThat(cases.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(CaseStatus.WAITING_FOR_CITIZEN);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "handlingRemaining")).isEqualTo("2wd"); // Wed, Thu

        Instant resumed = beijing("2026-03-09T11:00"); // the citizen answers the next Monday
        at(resumed);
        complete(task(Tasks.AWAIT_CITIZEN, pi), withVariables("citizenSupplied", "每晚 20:00–22:00 every night 8–10 pm"));

        Instant due = beijing("2026-03-11T17:30"); // Tue 10, Wed 11: the 2 working days that were left
        assertThat(due).isEqualTo(calendar.addWorkingDays(resumed, 2));
        assertDue(task(Tasks.HANDLE, pi), job("BoundaryTimer_HandlingDeadline", pi), due);
        assertThat(job("BoundaryTimer_HandlingDeadline", pi).isSuspended()).isFalse();
        assertThat(job("BoundaryTimer_HandlingReminder", pi).isSuspended()).isFalse();
        assertThat(job("BoundaryTimer_HandlingReminder", pi).getDuedate())
                .isEqualTo(Date.from(beijing("2026-03-04T21:22:30").plus(Duration.ofDays(6))));
        assertThat(cases.find(pi.getBusinessKey()).orElseThrow().status()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(events(pi, CaseEventType.CLOCK_PAUSED)).hasSize(1);
        assertThat(events(pi, CaseEventType.CLOCK_RESUMED)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("2wd").contains("2026-03-11 17:30"));
    }

    // mail during an SMTP outage

    @Test
    void aMailStepThatFailsIsRetriedAndDeliveredOnceWhenSmtpIsBack() {
        ProcessInstance pi = signedConsultation();
        at(beijing("2026-03-06T16:00"));
        reply(pi);
        Job invitation = job(CitizenRequestProcess.Activities.MAIL_CALL_BACK_INVITATION, pi);

        smtp.stop();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(invitation.getId())).isNotNull();
        Job failed = job(CitizenRequestProcess.Activities.MAIL_CALL_BACK_INVITATION, pi);
        assertThat(failed.getRetries()).isEqualTo(4); // R5/PT5M: the first of five attempts failed
        assertThat(failed.getExceptionMessage()).isNotBlank();
        assertThat(failed.getDuedate()).isEqualTo(Date.from(beijing("2026-03-06T16:05")));
        assertThat(events(pi, CaseEventType.MAIL_FAILED)).hasSize(1);
        assertThat(pi).isWaitingAt(Tasks.CALL_BACK); // the case goes on meanwhile

        smtp.start();
        engine.getManagementService().executeJob(failed.getId());

        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(mail -> assertThat(MailServer.recipients(mail)).containsExactly("zhang@example.org"));
        assertThat(events(pi, CaseEventType.MAIL_SENT)).hasSize(1);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(CitizenRequestProcess.Activities.MAIL_CALL_BACK_INVITATION).count()).isZero();
    }

    @Test
    void aReceiptDuringAnSmtpOutageWaitsInTheOutboxAndGoesOnceWhenSmtpIsBack() {
        at(FRIDAY_13_FEB);
        ProcessInstance pi = startKeepingItsMails(new Submission("noise", "test request: noise", null, "500103003", null,
                new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()));

        smtp.stop();
        assertThat(outbox.sendDue()).isZero();
        assertThat(outbox.waiting()).isEqualTo(2); // the receipt and the notice: nothing lost
        assertThat(outbox.failing()).isEqualTo(2); // shown on /actuator/health (mailDelivery)
        assertThat(events(pi, CaseEventType.MAIL_FAILED)).extracting(CaseEvent::reason)
                .anyMatch(r -> r.startsWith("receipt mail to zhang@example.org failed"));
        assertThat(pi).isWaitingAt(Tasks.SIGN_FOR); // the case goes on meanwhile

        smtp.start();
        retryDelayPasses();
        assertThat(outbox.sendDue()).isEqualTo(2);

        assertThat(smtp.getReceivedMessages()).hasSize(2).filteredOn(m -> MailServer.recipients(m).contains("zhang@example.org"))
                .singleElement().satisfies(m -> assertThat(MailServer.subject(m)).contains("受理").contains(pi.getBusinessKey()));
        assertThat(events(pi, CaseEventType.MAIL_SENT)).hasSize(2);
        assertThat(outbox.waiting()).isZero();
        assertThat(outbox.failing()).isZero();
    }

    // given / when / then helpers

    private ProcessInstance submit(String category, Submission.Location location, String divisionCode) {
        return start(new Submission(category, "test request: " + category, location, divisionCode, null,
                new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()));
    }

    private ProcessInstance submitWithAddress(String category, String address) {
        return start(new Submission(category, "test request: " + category, null, null, address,
                new Submission.Reporter("张三", "13800000000", "zhang@example.org"), "hotline", null, Map.of()));
    }

    /**
     * Submits a case and drops the receipt and dispatch notice it queued: the tests here are about deadlines and the
     * mails they cause (those about the intake's mails use {@link #startKeepingItsMails}).
     */
    private ProcessInstance start(Submission submission) {
        ProcessInstance pi = startKeepingItsMails(submission);
        jdbc.update("DELETE FROM cf_mail_outbox WHERE business_key = ?", pi.getBusinessKey());
        return pi;
    }

    private ProcessInstance startKeepingItsMails(Submission submission) {
        String id = intake.submit(submission, "test").processInstanceId();
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    /** A consultation at 解放碑 signed for on Monday 2 March 09:00: due Thursday 5 March 17:30. */
    private ProcessInstance signedConsultation() {
        at(MONDAY_2_MAR);
        ProcessInstance pi = submit("consultation", null, "500103003");
        signFor(pi);
        assertDue(task(Tasks.HANDLE, pi), job("BoundaryTimer_HandlingDeadline", pi), beijing("2026-03-05T17:30"));
        return pi;
    }

    private static void signFor(ProcessInstance pi) {
        complete(task(Tasks.SIGN_FOR, pi), withVariables("signForDecision", "sign"));
    }

    private static void reply(ProcessInstance pi) {
        complete(task(Tasks.HANDLE, pi), withVariables("handlingAction", "reply", "actionsTaken", "inspected",
                "outcome", "resolved", "replyToCitizen", "done"));
    }

    private static void askForExtension(ProcessInstance pi, String until) {
        complete(task(Tasks.HANDLE, pi), withVariables("handlingAction", "extension", "extensionUntil", until,
                "extensionReason", "需协调供水公司 the water company must be involved"));
    }

    /** The deadline passes: the clock moves past it and the deadline timer fires. */
    private static void breach(ProcessInstance pi, String timer, String dueBeijing) {
        Job job = job(timer, pi);
        assertThat(job.getDuedate()).isEqualTo(Date.from(beijing(dueBeijing)));
        at(beijing(dueBeijing).plusSeconds(60));
        execute(job);
    }

    private static void supervise(ProcessInstance pi, Map<String, Object> decision) {
        complete(task(Tasks.SUPERVISE, pi), decision);
    }

    private static void assertDue(Task task, Job deadlineTimer, Instant due) {
        assertThat(task.getDueDate()).isEqualTo(Date.from(due));
        assertThat(deadlineTimer.getDuedate()).isEqualTo(Date.from(due));
    }

    private MimeMessage onlyMailTo(String address) {
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(MailServer.recipients(received[0])).containsExactly(address);
        return received[0];
    }

    private static String body(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CaseEvent> events(ProcessInstance pi, CaseEventType type) {
        return cases.timeline(pi.getBusinessKey()).stream().filter(e -> e.type() == type).toList();
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.ZONE).toInstant();
    }
}
