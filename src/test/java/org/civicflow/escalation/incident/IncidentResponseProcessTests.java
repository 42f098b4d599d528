package org.civicflow.escalation.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.civicflow.escalation.incident.IncidentResponseProcess.Elements;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.civicflow.CivicflowTest;
import org.civicflow.escalation.FireSituation;
import org.civicflow.escalation.IncidentNotFoundException;
import org.civicflow.escalation.IncidentReport;
import org.civicflow.escalation.IncidentResult;
import org.civicflow.escalation.IncidentService;
import org.civicflow.escalation.IncidentType;
import org.civicflow.escalation.IncidentUpdate;
import org.civicflow.escalation.InvalidIncidentException;
import org.civicflow.escalation.ResponseLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of {@code processes/incident-response.bpmn}: one per response level, the deadline, new information. */
@CivicflowTest
class IncidentResponseProcessTests {

    static final String XIAOLONGKAN = "500106001"; // 小龙坎街道, 沙坪坝区

    @Autowired
    ProcessEngine engine;
    @Autowired
    IncidentService incidents;
    @Autowired
    IncidentRepository records;

    @BeforeEach
    void useTheApplicationsEngine() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void aGeneralIncidentIsLedByTheSubdistrictWithTheDistrictCommandInformedAndClosesAfterTheReport() {
        IncidentResult incident = report(IncidentType.PIPELINE_BURST, null, null);
        ProcessInstance pi = instance(incident);

        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.IV);
        assertThat(incident.leadGroup()).isEqualTo("500106001-handler");
        assertThat(incident.informedGroups()).containsExactly("500106-command");
        assertThat(pi).isWaitingAt(Elements.ACKNOWLEDGE);
        assertThat(task()).hasCandidateGroup("500106001-handler");

        complete(task(), withVariables("acknowledgeNote", "抢修队已出发"));
        assertThat(pi).isWaitingAt(Elements.HANDLE_ON_SCENE);
        complete(task(), withVariables("sceneActions", "关阀止水，设置围挡"));
        complete(task(), withVariables("resolutionSummary", "管道已修复，恢复供水"));
        complete(task(), withVariables("afterActionReport", "老化管道爆裂", "lessonsLearned", "加密巡检"));

        assertThat(pi).isEnded().hasPassedInOrder(Elements.GRADE, Elements.ACKNOWLEDGE, Elements.HANDLE_ON_SCENE,
                Elements.CONFIRM_RESOLUTION, Elements.AFTER_ACTION_REPORT, Elements.CLOSE, Elements.CLOSED);
        assertThat(records.find(incident.incidentId()).orElseThrow().status()).isEqualTo(IncidentRecord.CLOSED);
    }

    @Test
    void aFireWithPeopleTrappedIsALargerFireLedByTheDistrictCommand() {
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(false, true, 6), null);
        assertThat(instance(incident)).isWaitingAt(Elements.ACKNOWLEDGE);

        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.III);
        assertThat(incident.leadGroup()).isEqualTo("500106-command");
        assertThat(incident.informedGroups()).isEmpty();
        assertThat(task()).hasCandidateGroup("500106-command");
        assertThat(engine.getRuntimeService().getVariable(incident.processInstanceId(), "gradingReasons").toString())
                .contains("较大火灾");
    }

    @Test
    void peopleTrappedInACrowdedPlaceMakeAMajorFireLedByTheCityCommand() {
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(true, true, 3), null);
        assertThat(instance(incident)).isWaitingAt(Elements.ACKNOWLEDGE);

        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.II);
        assertThat(incident.leadGroup()).isEqualTo("500000-command");
        assertThat(incident.informedGroups()).containsExactly("500106-command");
        assertThat(task()).hasCandidateGroup("500000-command");
    }

    @Test
    void anEspeciallyMajorFireIsLedByTheCityCommandAndInformsTheCitySupervisor() {
        IncidentResult incident = report(IncidentType.FIRE, new FireSituation(30, 0, 0, false, 0, false, false), null);

        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.I);
        assertThat(incident.leadGroup()).isEqualTo("500000-command");
        assertThat(incident.informedGroups()).containsExactly("500106-command", "500000-supervisor");
    }

    @Test
    void aLevelDeclaredByTheReportingAgencyIsKeptWhenTheRulesFindLess() {
        IncidentResult incident = report(IncidentType.LANDSLIDE, null, ResponseLevel.III);

        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.III);
        assertThat(incident.leadGroup()).isEqualTo("500106-command");
    }

    @Test
    void anUnacknowledgedIncidentAlertsTheSupervisorWhenItsShortDeadlinePassesAndStaysWithTheLead() {
        Instant before = Instant.now();
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(false, true, 12), null); // high-rise: III
        ProcessInstance pi = instance(incident);

        assertThat(job(Elements.ACKNOWLEDGE_DEADLINE).getDuedate().toInstant())
                .isCloseTo(before.plus(Duration.ofMinutes(30)), within(2, ChronoUnit.MINUTES));
        execute(job(Elements.ACKNOWLEDGE_DEADLINE));

        assertThat(pi).hasPassed(Elements.ACKNOWLEDGE_OVERDUE).isWaitingAt(Elements.ACKNOWLEDGE);
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "acknowledgeOverdueNotified")).isEqualTo("500106-supervisor");
    }

    @Test
    void aFireReportUpdateMidFlightRaisesTheLevelAndMovesTheLeadsOpenTaskUp() {
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(false, false, 2), null);
        ProcessInstance pi = instance(incident);
        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.IV);
        complete(task(), withVariables("acknowledgeNote", "到场"));
        assertThat(pi).isWaitingAt(Elements.HANDLE_ON_SCENE);

        incidents.newInformation(incident.incidentId(), new IncidentUpdate("续报：3人死亡", "119 指挥中心",
                new FireSituation(3, 0, 0, false, 2, false, false), null));

        IncidentResult now = incidents.find(incident.incidentId()).orElseThrow();
        assertThat(now.responseLevel()).isEqualTo(ResponseLevel.III);
        assertThat(now.leadGroup()).isEqualTo("500106-command");
        assertThat(pi).hasPassed(Elements.REGRADE, Elements.RAISE_LEVEL).isWaitingAt(Elements.HANDLE_ON_SCENE);
        Task onScene = task(Elements.HANDLE_ON_SCENE);
        assertThat(onScene).hasCandidateGroup("500106-command");
        assertThat(engine.getTaskService().getIdentityLinksForTask(onScene.getId()))
                .noneMatch(link -> "500106001-handler".equals(link.getGroupId()));
    }

    @Test
    void aLowerGradeWaitsForTheLeadsConfirmationBeforeTheLevelDrops() {
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(false, true, 3), null); // trapped: III
        ProcessInstance pi = instance(incident);

        incidents.newInformation(incident.incidentId(), new IncidentUpdate("被困人员已全部救出", "119 指挥中心",
                FireSituation(false, false, 3), null));

        assertThat(pi).isWaitingAt(Elements.ACKNOWLEDGE, Elements.CONFIRM_DOWNGRADE);
        assertThat(incidents.find(incident.incidentId()).orElseThrow().responseLevel()).isEqualTo(ResponseLevel.III);
        Task confirm = task(Elements.CONFIRM_DOWNGRADE);
        assertThat(confirm).hasCandidateGroup("500106-command");
        assertThatThrownBy(() -> complete(confirm, withVariables("downgradeConfirmed", "yes")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("downgradeNote");

        complete(confirm, withVariables("downgradeConfirmed", "yes", "downgradeNote", "火势已控制，无人员被困"));

        IncidentResult lowered = incidents.find(incident.incidentId()).orElseThrow();
        assertThat(lowered.responseLevel()).isEqualTo(ResponseLevel.IV);
        assertThat(lowered.leadGroup()).isEqualTo("500106001-handler");
        assertThat(pi).hasPassed(Elements.LOWER_LEVEL);
        assertThat(task(Elements.ACKNOWLEDGE)).hasCandidateGroup("500106001-handler");
    }

    @Test
    void aRefusedDowngradeKeepsTheLevel() {
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(false, true, 3), null);
        ProcessInstance pi = instance(incident);
        incidents.newInformation(incident.incidentId(), new IncidentUpdate("被困人员已救出", "119", FireSituation(false, false, 3), null));

        complete(task(Elements.CONFIRM_DOWNGRADE), withVariables("downgradeConfirmed", "no", "downgradeNote", "复燃风险高"));

        assertThat(pi).hasPassed(Elements.LEVEL_KEPT).hasNotPassed(Elements.LOWER_LEVEL);
        assertThat(incidents.find(incident.incidentId()).orElseThrow().responseLevel()).isEqualTo(ResponseLevel.III);
    }

    @Test
    void informationThatChangesNothingLeavesTheIncidentAsItIs() {
        IncidentResult incident = report(IncidentType.FIRE, FireSituation(false, true, 3), null);
        ProcessInstance pi = instance(incident);

        incidents.newInformation(incident.incidentId(), new IncidentUpdate("仍在扑救", "119", FireSituation(false, true, 3), null));

        assertThat(pi).hasPassed(Elements.LEVEL_UNCHANGED).isWaitingAt(Elements.ACKNOWLEDGE);
    }

    @Test
    void anIncidentInAnUnknownPlaceIsRefusedAndNewsForAnUnknownIncidentToo() {
        assertThatThrownBy(() -> incidents.report(new IncidentReport(IncidentType.FLOOD, "999999", "x", "test", null, null)))
                .isInstanceOf(InvalidIncidentException.class).hasMessageContaining("divisionCode");
        assertThatThrownBy(() -> incidents.newInformation("INC-1900-000000", new IncidentUpdate("x", "y", null, null)))
                .isInstanceOf(IncidentNotFoundException.class);
    }

    // given / when helpers

    private IncidentResult report(IncidentType type, FireSituation fire, ResponseLevel declared) {
        return incidents.report(new IncidentReport(type, XIAOLONGKAN, "test incident: " + type.code(), "test monitoring",
                declared, fire));
    }

    private ProcessInstance instance(IncidentResult incident) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult();
        assertThat(pi).isStarted();
        return pi;
    }

    private static FireSituation FireSituation(boolean crowded, boolean trapped, int floors) {
        return new FireSituation(0, 0, 0, trapped, floors, false, crowded);
    }
}
