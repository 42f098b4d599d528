package org.civicflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.civicflow.escalation.cap.CapAlert;
import org.civicflow.escalation.cap.CapParser;
import org.civicflow.escalation.cap.CapWarnings;
import org.civicflow.rules.RuleBase;
import org.civicflow.sla.SlaClass;
import org.junit.jupiter.api.Test;

/** The escalation rules working together: from an official alert or from readings to a decision on a request. */
class EscalationServiceTests {

    private static final RuleBase rules = new RuleBase();
    private static final EscalationService escalation = new EscalationService(rules);
    private static final CapParser cap = new CapParser();

    private static final Instant DURING_THE_RED_WARNING = OffsetDateTime.parse("2025-07-10T08:00:00+08:00").toInstant();
    private static final Instant AFTER_IT_EXPIRED = OffsetDateTime.parse("2025-07-10T18:30:00+08:00").toInstant();

    @Test
    void aRedRainstormAlertForShapingbaTurnsWaterloggingThereIntoALevelTwoFloodIncidentUntilItExpires() {
        CapAlert alert = cap.parse(EscalationServiceTests.class.getResourceAsStream("/cap/rainstorm-red-shapingba.xml"));
        List<ActiveWarning> warnings = CapWarnings.activeWarnings(alert);
        CaseFacts waterlogging = request("REQ-100", "waterlogging", "500106003", null);

        var during = escalation.evaluateCase(waterlogging, warnings, DURING_THE_RED_WARNING);
        var after = escalation.evaluateCase(waterlogging, warnings, AFTER_IT_EXPIRED);

        assertThat(alert.changesLiveCases()).isTrue();
        assertThat(during.decision().getIncidentLevel()).isEqualTo(ResponseLevel.II);
        assertThat(during.decision().getIncidentType()).isEqualTo("flood");
        assertThat(during.decision().getReasons()).anyMatch(r -> r.contains("CQ-QXT-20250710063000-BY-RED"));
        assertThat(during.outcome().area()).isEqualTo("escalation");
        assertThat(during.outcome().version()).isEqualTo(rules.version("escalation")).hasSize(16);
        assertThat(after.decision().changesAnything()).isFalse();
        assertThat(after.outcome().firedRules()).isEmpty();
    }

    @Test
    void aSignalDerivedFromReadingsEscalatesLikeAnOfficialWarning() {
        var signals = escalation.deriveRainstormSignals(List.of(
                new RainfallReading("A8012", "500109", DURING_THE_RED_WARNING, 55.2, 71.0, 80.3)));
        ActiveWarning derived = signals.decision().get(0).toActiveWarning("derived:A8012", DURING_THE_RED_WARNING, null);

        var evaluated = escalation.evaluateCase(request("REQ-101", "geological-hazard", "500109", null),
                List.of(derived), DURING_THE_RED_WARNING);

        assertThat(derived.colour()).isEqualTo(WarningColour.ORANGE);
        assertThat(evaluated.decision().getIncidentLevel()).isEqualTo(ResponseLevel.III);
        assertThat(evaluated.decision().getIncidentType()).isEqualTo("landslide");
    }

    @Test
    void oneEvaluationAppliesWarningsAndHotspotsTogether() {
        Instant now = OffsetDateTime.parse("2025-08-12T10:00:00+08:00").toInstant();
        GeoPoint here = new GeoPoint(29.5412, 106.4563);
        var heat = new ActiveWarning(WarningKind.HEAT, WarningColour.ORANGE, "500106", "CQ-QXT-20250812073000-GW-ORANGE",
                now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(22)));
        var recent = List.of(new RecentRequest("REQ-90", "fire-hazard", here, now.minus(Duration.ofDays(1))),
                new RecentRequest("REQ-91", "fire-hazard", here, now.minus(Duration.ofDays(3))));

        var reported = new CaseFacts("REQ-102", "fire-hazard", "500106", SlaClass.COMPLAINT, here, now, Map.of());

        var evaluated = escalation.evaluateCase(reported, List.of(heat), recent, now);

        assertThat(evaluated.decision().getSlaClass()).isEqualTo(SlaClass.URGENT);
        assertThat(evaluated.decision().getHotspot().earlierBusinessKeys()).containsExactlyInAnyOrder("REQ-90", "REQ-91");
        assertThat(evaluated.decision().getGroupsToNotify()).containsExactly("500106-supervisor");
        assertThat(evaluated.decision().isJointEnforcementProposed()).isFalse();
        assertThat(evaluated.outcome().firedRules()).containsExactlyInAnyOrder(
                "Orange or red heat makes fire-hazard requests urgent",
                "Three requests of one category within 500 m in 7 days are a hotspot",
                "A hotspot is reported to the district supervisor");
    }

    @Test
    void aFireReportUpdateIsGradedAgainAndMayGoUp() {
        var first = escalation.gradeFire(FireReport.early("FIRE-7", "500103", false, 32, false, false));
        var update = escalation.gradeFire(new FireReport("FIRE-7", "500103", 11, 4, 0, true, 32, false, false));

        assertThat(first.decision().getResponseLevel()).isEqualTo(ResponseLevel.III);
        assertThat(update.decision().getResponseLevel()).isEqualTo(ResponseLevel.II);
        assertThat(update.decision().getReasons()).isNotEmpty();
    }

    private static CaseFacts request(String key, String category, String division, GeoPoint where) {
        return new CaseFacts(key, category, division, SlaClass.HELP, where, DURING_THE_RED_WARNING, Map.of());
    }
}
