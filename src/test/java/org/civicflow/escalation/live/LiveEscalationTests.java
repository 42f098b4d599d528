package org.civicflow.escalation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;
import org.civicflow.CivicflowTest;
import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.escalation.AlertResult;
import org.civicflow.escalation.AlertService;
import org.civicflow.escalation.IncidentResult;
import org.civicflow.escalation.IncidentService;
import org.civicflow.escalation.IncidentType;
import org.civicflow.escalation.RainfallReading;
import org.civicflow.escalation.ResponseLevel;
import org.civicflow.escalation.WarningColour;
import org.civicflow.escalation.cap.CapValidationException;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Warnings acting on live cases: CAP alerts received, open cases re-evaluated and escalated (SLA class, linked
 * incidents), new cases escalated at intake, hotspots. Each test works in a district of its own; warnings are withdrawn
 * after each test so they do not leak into others sharing the application.
 */
@CivicflowTest
class LiveEscalationTests {

    /** CAP's dateTime always has seconds (OffsetDateTime.toString() drops ":00", which CAP refuses). */
    private static final java.time.format.DateTimeFormatter CAP_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    static final String SENDER = "cq.cma.gov.cn";

    @Autowired
    AlertService alerts;
    @Autowired
    IntakeService intake;
    @Autowired
    CaseService cases;
    @Autowired
    IncidentService incidents;
    @Autowired
    RuntimeService runtime;
    @Autowired
    DataSource dataSource;

    @AfterEach
    void withdrawTheWarnings() {
        JdbcClient.create(dataSource).sql("UPDATE cf_warning SET state = 'CANCELLED' WHERE state = 'ACTIVE'").update();
    }

    @Test
    void aRedRainstormWarningTurnsOpenWaterloggingRequestsIntoLinkedLevelTwoIncidentsAndLeavesOtherRequestsAlone() {
        CaseRecord waterlogging = submit("waterlogging", "500106002");
        CaseRecord noise = submit("noise", "500106002");

        AlertResult result = alerts.receive(alert("Actual", "Alert", null, "暴雨红色预警", "RED", "500106"));

        assertThat(result.outcome()).isEqualTo(AlertResult.Outcome.APPLIED);
        assertThat(result.affectedDivisions()).containsExactly("500106");
        assertThat(result.upgradedDivisions()).containsExactly("500106");
        assertThat(result.reevaluated()).isGreaterThanOrEqualTo(2);
        assertThat(result.escalated()).isGreaterThanOrEqualTo(1);

        CaseRecord escalated = cases.find(waterlogging.businessKey()).orElseThrow();
        assertThat(escalated.slaClass()).isEqualTo("urgent");
        CaseEvent raised = event(waterlogging, CaseEventType.ESCALATED);
        assertThat(raised.reason()).contains(result.alertId());
        assertThat(raised.details()).contains("escalation@")
                .contains("Red rainstorm turns waterlogging and geological hazard requests into level II incidents");
        IncidentResult incident = incidents.activeIncidentOf(waterlogging.businessKey()).orElseThrow();
        assertThat(incident.type()).isEqualTo(IncidentType.FLOOD);
        assertThat(incident.responseLevel()).isEqualTo(ResponseLevel.II);
        assertThat(incident.leadGroup()).isEqualTo("500000-command");
        assertThat(incident.linkedCases()).containsExactly(waterlogging.businessKey());
        assertThat(event(waterlogging, CaseEventType.INCIDENT_LINKED).reason()).contains(incident.incidentId());
        assertThat(cases.timeline(waterlogging.businessKey())).filteredOn(e -> e.type() == CaseEventType.NOTIFIED)
                .extracting(CaseEvent::officeGroup).contains("500000-command", "500106-command");
        assertThat(runtime.getVariables(waterlogging.processInstanceId()))
                .containsEntry("slaClass", "urgent")
                .containsEntry("slaClassLabel", "紧急 Urgent (24 h)")
                .containsEntry("incidentId", incident.incidentId());

        assertThat(cases.find(noise.businessKey()).orElseThrow().slaClass()).isEqualTo(noise.slaClass());
        assertThat(cases.timeline(noise.businessKey())).noneMatch(e -> e.type() == CaseEventType.ESCALATED);
        assertThat(incidents.activeIncidentOf(noise.businessKey())).isEmpty();
    }

    @Test
    void anOrangeWarningUpgradedToRedMovesTheLinkedIncidentUpALevel() {
        CaseRecord slope = submit("geological-hazard", "500108002");
        AlertResult orange = alerts.receive(alert("Actual", "Alert", null, "暴雨橙色预警", "ORANGE", "500108"));
        IncidentResult level3 = incidents.activeIncidentOf(slope.businessKey()).orElseThrow();
        assertThat(level3.type()).isEqualTo(IncidentType.LANDSLIDE);
        assertThat(level3.responseLevel()).isEqualTo(ResponseLevel.III);
        assertThat(level3.leadGroup()).isEqualTo("500108-command");

        AlertResult red = alerts.receive(alert("Actual", "Update", orange.alertId(), "暴雨红色预警", "RED", "500108"));

        assertThat(red.endedWarnings()).isEqualTo(1);
        assertThat(red.upgradedDivisions()).containsExactly("500108");
        IncidentResult level2 = incidents.activeIncidentOf(slope.businessKey()).orElseThrow();
        assertThat(level2.incidentId()).isEqualTo(level3.incidentId());
        assertThat(level2.responseLevel()).isEqualTo(ResponseLevel.II);
        assertThat(level2.leadGroup()).isEqualTo("500000-command");
        assertThat(cases.timeline(slope.businessKey())).filteredOn(e -> e.type() == CaseEventType.INCIDENT_UPDATED)
                .extracting(CaseEvent::reason).anyMatch(r -> r.contains("level III → II"));
    }

    @Test
    void aCancelLeavesRunningIncidentsAsTheyAreAndNewRequestsAreNoLongerEscalated() {
        CaseRecord flooded = submit("waterlogging", "500109002");
        AlertResult red = alerts.receive(alert("Actual", "Alert", null, "暴雨红色预警", "RED", "500109"));
        IncidentResult incident = incidents.activeIncidentOf(flooded.businessKey()).orElseThrow();

        AlertResult cancel = alerts.receive(alert("Actual", "Cancel", red.alertId(), "暴雨红色预警解除", "RED", "500109"));

        assertThat(cancel.outcome()).isEqualTo(AlertResult.Outcome.CANCELLED);
        assertThat(cancel.endedWarnings()).isEqualTo(1);
        assertThat(cancel.incidentsContinuing()).contains(incident.incidentId());
        IncidentResult after = incidents.find(incident.incidentId()).orElseThrow();
        assertThat(after.status()).isEqualTo("ACTIVE");
        assertThat(after.responseLevel()).isEqualTo(ResponseLevel.II);
        assertThat(cases.find(flooded.businessKey()).orElseThrow().slaClass()).isEqualTo("urgent");

        CaseRecord later = submit("waterlogging", "500109002");
        assertThat(cases.timeline(later.businessKey())).noneMatch(e -> e.type() == CaseEventType.INCIDENT_LINKED);
    }

    @Test
    void exerciseAndTestAlertsAreRecordedAndReportedButNeverEscalate() {
        CaseRecord flooded = submit("waterlogging", "500112002");

        AlertResult exercise = alerts.receive(alert("Exercise", "Alert", null, "暴雨红色预警（演练）", "RED", "500112"));
        AlertResult test = alerts.receive(alert("Test", "Alert", null, "暴雨红色预警（测试）", "RED", "500112"));
        CaseRecord later = submit("waterlogging", "500112002");

        assertThat(exercise.outcome()).isEqualTo(AlertResult.Outcome.RECORDED_NOT_ACTUAL);
        assertThat(exercise.warnings()).extracting(w -> w.colour()).containsExactly(WarningColour.RED);
        assertThat(exercise.reevaluated()).isZero();
        assertThat(test.outcome()).isEqualTo(AlertResult.Outcome.RECORDED_NOT_ACTUAL);
        assertThat(test.status()).isEqualTo("Test");
        for (CaseRecord c : List.of(flooded, later)) {
            assertThat(cases.timeline(c.businessKey())).noneMatch(e -> e.type() == CaseEventType.ESCALATED
                    || e.type() == CaseEventType.INCIDENT_LINKED);
        }
    }

    @Test
    void anExpiredWarningEscalatesNothingByItself() {
        Instant now = Instant.now();
        CaseRecord flooded = submit("waterlogging", "500104002");

        AlertResult expired = alerts.receive(alert("Actual", "Alert", null, "暴雨红色预警", "RED", "500104",
                now.minus(Duration.ofHours(6)), now.minus(Duration.ofMinutes(1))));
        CaseRecord later = submit("waterlogging", "500104002");

        assertThat(expired.outcome()).isEqualTo(AlertResult.Outcome.APPLIED);
        assertThat(expired.upgradedDivisions()).isEmpty();
        assertThat(expired.reevaluated()).isZero();
        for (CaseRecord c : List.of(flooded, later)) {
            assertThat(cases.timeline(c.businessKey())).noneMatch(e -> e.type() == CaseEventType.INCIDENT_LINKED);
        }
    }

    @Test
    void aNewRequestInADistrictUnderARedWarningBecomesAnIncidentAtIntake() {
        alerts.receive(alert("Actual", "Alert", null, "暴雨红色预警", "RED", "500107"));

        CaseRecord flooded = submit("waterlogging", "500107002");

        assertThat(cases.find(flooded.businessKey()).orElseThrow().slaClass()).isEqualTo("urgent");
        assertThat(incidents.activeIncidentOf(flooded.businessKey())).get()
                .satisfies(i -> assertThat(i.responseLevel()).isEqualTo(ResponseLevel.II));
        assertThat(event(flooded, CaseEventType.INCIDENT_LINKED).details()).contains("intake of " + flooded.businessKey());
    }

    @Test
    void anOrangeHeatWarningMakesARequestForAnElderlyPersonLivingAloneAnEmergencyAtIntake() {
        alerts.receive(alert("Actual", "Alert", null, "高温橙色预警", "ORANGE", "500105"));

        CaseRecord elderly = intake.submit(new Submission("heat-relief", "独居老人家中空调坏了", null, "500105002", null,
                new Submission.Reporter("李四", "13900000000", null), "hotline", null, Map.of("vulnerable", "elderly-alone")),
                "test");
        CaseRecord other = submit("heat-relief", "500105002");

        assertThat(cases.find(elderly.businessKey()).orElseThrow().slaClass()).isEqualTo("emergency");
        assertThat(event(elderly, CaseEventType.ESCALATED).details())
                .contains("Orange or red heat makes heat-relief and water or power supply requests for a vulnerable person an emergency");
        assertThat(cases.find(other.businessKey()).orElseThrow().slaClass()).isEqualTo("urgent");
    }

    @Test
    void threeStreetVendingRequestsNearbyFlagAHotspotAndProposeJointEnforcementOnce() {
        Submission.Location nanping = new Submission.Location(29.5244, 106.6591);
        CaseRecord first = submitAt("street-vending", nanping);
        submitAt("street-vending", new Submission.Location(29.5264, 106.6591)); // some 220 m north
        assertThat(first.districtCode()).isEqualTo("500108");

        CaseRecord third = submitAt("street-vending", nanping);

        assertThat(event(third, CaseEventType.HOTSPOT_FLAGGED).reason()).contains(first.businessKey())
                .doesNotContain("already reported");
        assertThat(event(third, CaseEventType.NOTIFIED).officeGroup()).isEqualTo("500108-supervisor");
        assertThat(event(third, CaseEventType.JOINT_ENFORCEMENT_PROPOSED).officeGroup()).isEqualTo("500108-enforcement");
        assertThat(cases.timeline(first.businessKey())).noneMatch(e -> e.type() == CaseEventType.HOTSPOT_FLAGGED);

        // the fourth joins the hotspot the third reported: flagged, but nobody is told or asked again
        CaseRecord fourth = submitAt("street-vending", nanping);

        assertThat(event(fourth, CaseEventType.HOTSPOT_FLAGGED).reason())
                .isEqualTo("4 street-vending requests within 500 m in 7 days, joining the hotspot reported with "
                        + third.businessKey());
        assertThat(cases.timeline(fourth.businessKey())).noneMatch(e -> e.type() == CaseEventType.NOTIFIED
                || e.type() == CaseEventType.JOINT_ENFORCEMENT_PROPOSED);
    }

    @Test
    void rainfallReadingsRaiseADerivedSignalThatEscalatesLikeAnOfficialOne() {
        CaseRecord flooded = submit("waterlogging", "500113003");

        List<AlertResult> derived = alerts.receiveRainfall(List.of(
                new RainfallReading("A8113", "500113", Instant.now(), 62.0, 70.0, 75.0)));

        assertThat(derived).singleElement().satisfies(r -> {
            assertThat(r.sender()).isEqualTo(AlertService.DERIVED_SENDER);
            assertThat(r.warnings()).extracting(w -> w.colour()).containsExactly(WarningColour.ORANGE);
        });
        assertThat(incidents.activeIncidentOf(flooded.businessKey())).get()
                .satisfies(i -> assertThat(i.responseLevel()).isEqualTo(ResponseLevel.III));
    }

    @Test
    void anAlertReceivedTwiceIsAppliedOnceAndHostileXmlIsRefused() {
        byte[] xml = alert("Exercise", "Alert", null, "暴雨黄色预警", "YELLOW", "500110");

        alerts.receive(xml);
        AlertResult again = alerts.receive(xml);

        assertThat(again.outcome()).isEqualTo(AlertResult.Outcome.DUPLICATE);
        assertThatThrownBy(() -> alerts.receive("""
                <?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>
                """.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CapValidationException.class);
    }

    // given / when helpers

    private CaseRecord submit(String category, String subdistrict) {
        return intake.submit(new Submission(category, "test request: " + category, null, subdistrict, null,
                new Submission.Reporter("张三", "13800000000", null), "hotline", null, Map.of()), "test");
    }

    private CaseRecord submitAt(String category, Submission.Location location) {
        CaseRecord c = intake.submit(new Submission(category, "test request: " + category, location, null, null,
                new Submission.Reporter("张三", "13800000000", null), "hotline", null, Map.of()), "test");
        return cases.find(c.businessKey()).orElseThrow();
    }

    private CaseEvent event(CaseRecord c, CaseEventType type) {
        return cases.timeline(c.businessKey()).stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event on " + c.businessKey() + ": "
                        + cases.timeline(c.businessKey())));
    }

    private static byte[] alert(String status, String msgType, String references, String event, String colour, String division) {
        Instant now = Instant.now();
        return alert(status, msgType, references, event, colour, division, now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofHours(6)));
    }

    /** A CAP 1.2 alert as the Chongqing meteorological observatory sends it, for one division. */
    private static byte[] alert(String status, String msgType, String references, String event, String colour,
                                String division, Instant onset, Instant expires) {
        String identifier = "CQ-QXT-TEST-" + UUID.randomUUID();
        String sent = CAP_TIME.format(Instant.now().atOffset(ZoneOffset.ofHours(8)));
        String refs = references == null ? "" : "<references>" + SENDER + "," + references + "," + sent + "</references>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>%s</sender>
                  <sent>%s</sent>
                  <status>%s</status>
                  <msgType>%s</msgType>
                  <scope>Public</scope>
                  %s
                  <info>
                    <language>zh-CN</language>
                    <category>Met</category>
                    <event>%s</event>
                    <urgency>Immediate</urgency>
                    <severity>Severe</severity>
                    <certainty>Observed</certainty>
                    <onset>%s</onset>
                    <expires>%s</expires>
                    <senderName>重庆市气象台</senderName>
                    <parameter><valueName>warningColour</valueName><value>%s</value></parameter>
                    <area>
                      <areaDesc>test area</areaDesc>
                      <geocode><valueName>GB/T 2260</valueName><value>%s</value></geocode>
                    </area>
                  </info>
                </alert>
                """.formatted(identifier, SENDER, sent, status, msgType, refs, event,
                CAP_TIME.format(onset.atOffset(ZoneOffset.ofHours(8))),
                CAP_TIME.format(expires.atOffset(ZoneOffset.ofHours(8))), colour, division)
                .getBytes(StandardCharsets.UTF_8);
    }
}
