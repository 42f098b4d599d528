package org.civicflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civicflow.rules.RuleBase;
import org.civicflow.sla.SlaClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rules/escalation/rainstorm.drl}: one test per rule, at the CMA thresholds. */
class RainstormRulesTests {

    private static final EscalationService escalation = new EscalationService(new RuleBase());

    private static final String BLUE = "50 mm of rain in 12 hours raises a blue rainstorm signal";
    private static final String YELLOW = "50 mm of rain in 6 hours raises a yellow rainstorm signal";
    private static final String ORANGE = "50 mm of rain in 3 hours raises an orange rainstorm signal";
    private static final String RED = "100 mm of rain in 3 hours raises a red rainstorm signal";
    private static final String YELLOW_URGENT = "Yellow rainstorm makes waterlogging and geological hazard requests urgent";
    private static final String ORANGE_INCIDENT = "Orange rainstorm turns waterlogging and geological hazard requests into level III incidents";
    private static final String RED_INCIDENT = "Red rainstorm turns waterlogging and geological hazard requests into level II incidents";

    private static final Instant NOW = Instant.parse("2025-07-10T08:00:00Z");
    private static final String SHAPINGBA = "500106";

    @ParameterizedTest(name = "{0} mm in 12 h: {1}")
    @CsvSource({"49.9, ", "50.0, BLUE", "80.0, BLUE"})
    void fiftyMillimetresInTwelveHoursRaiseABlueSignal(double mm12h, WarningColour expected) {
        var derived = signalsFrom(reading("57516", SHAPINGBA, 0, 0, mm12h));

        assertThat(colourOf(derived, SHAPINGBA)).isEqualTo(expected);
        assertFired(derived, BLUE, expected != null);
    }

    @ParameterizedTest(name = "{0} mm in 6 h: {1}")
    @CsvSource({"49.9, BLUE", "50.0, YELLOW"})
    void fiftyMillimetresInSixHoursRaiseAYellowSignal(double mm6h, WarningColour expected) {
        var derived = signalsFrom(reading("57516", SHAPINGBA, 0, mm6h, 60));

        assertThat(colourOf(derived, SHAPINGBA)).isEqualTo(expected);
        assertFired(derived, YELLOW, expected == WarningColour.YELLOW);
    }

    @ParameterizedTest(name = "{0} mm in 3 h: {1}")
    @CsvSource({"49.9, YELLOW", "50.0, ORANGE"})
    void fiftyMillimetresInThreeHoursRaiseAnOrangeSignal(double mm3h, WarningColour expected) {
        var derived = signalsFrom(reading("57516", SHAPINGBA, mm3h, 60, 70));

        assertThat(colourOf(derived, SHAPINGBA)).isEqualTo(expected);
        assertFired(derived, ORANGE, expected == WarningColour.ORANGE);
    }

    @ParameterizedTest(name = "{0} mm in 3 h: {1}")
    @CsvSource({"99.9, ORANGE", "100.0, RED"})
    void aHundredMillimetresInThreeHoursRaiseARedSignal(double mm3h, WarningColour expected) {
        var derived = signalsFrom(reading("57516", SHAPINGBA, mm3h, mm3h, mm3h));

        assertThat(colourOf(derived, SHAPINGBA)).isEqualTo(expected);
        assertFired(derived, RED, expected == WarningColour.RED);
        assertThat(derived.outcome().firedRules()).contains(BLUE, YELLOW, ORANGE);
    }

    @Test
    void theWettestStationDecidesItsDivisionAndEachDivisionGetsItsOwnSignal() {
        var derived = signalsFrom(
                reading("A1", SHAPINGBA, 10, 52, 60),
                reading("A2", SHAPINGBA, 101, 120, 130),
                reading("B1", "500103", 0, 0, 55),
                reading("C1", "500105", 5, 10, 20));

        assertThat(derived.decision()).extracting(WarningSignal::divisionCode, WarningSignal::colour)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("500103", WarningColour.BLUE),
                        org.assertj.core.groups.Tuple.tuple(SHAPINGBA, WarningColour.RED));
        assertThat(derived.decision().get(1).reasons()).anyMatch(r -> r.startsWith("A2: 101.0 mm in 3 h"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"waterlogging", "geological-hazard"})
    void yellowRainstormMakesWaterloggingAndGeologicalHazardRequestsUrgent(String category) {
        var evaluated = evaluate(request(category, SHAPINGBA), warning(WarningColour.YELLOW, SHAPINGBA));

        assertThat(evaluated.decision().getSlaClass()).isEqualTo(SlaClass.URGENT);
        assertThat(evaluated.decision().isIncidentWanted()).isFalse();
        assertThat(evaluated.outcome().firedRules()).containsExactly(YELLOW_URGENT);
    }

    @ParameterizedTest(name = "{0} becomes a {1} incident")
    @CsvSource({"waterlogging, flood", "geological-hazard, landslide"})
    void orangeRainstormTurnsTheRequestsIntoLevelThreeIncidents(String category, String incidentType) {
        var evaluated = evaluate(request(category, SHAPINGBA), warning(WarningColour.ORANGE, SHAPINGBA));

        assertThat(evaluated.decision().getIncidentLevel()).isEqualTo(ResponseLevel.III);
        assertThat(evaluated.decision().getIncidentType()).isEqualTo(incidentType);
        assertThat(evaluated.decision().getSlaClass()).isEqualTo(SlaClass.URGENT);
        assertThat(evaluated.outcome().firedRules()).containsExactly(ORANGE_INCIDENT);
    }

    @ParameterizedTest(name = "{0} becomes a {1} incident")
    @CsvSource({"waterlogging, flood", "geological-hazard, landslide"})
    void redRainstormTurnsTheRequestsIntoLevelTwoIncidents(String category, String incidentType) {
        var evaluated = evaluate(request(category, "500106003"), warning(WarningColour.RED, SHAPINGBA));

        assertThat(evaluated.decision().getIncidentLevel()).isEqualTo(ResponseLevel.II);
        assertThat(evaluated.decision().getIncidentType()).isEqualTo(incidentType);
        assertThat(evaluated.outcome().firedRules()).containsExactly(RED_INCIDENT);
    }

    @Test
    void theMostSevereOfOverlappingWarningsWins() {
        var evaluated = evaluate(request("waterlogging", SHAPINGBA),
                warning(WarningColour.RED, SHAPINGBA), warning(WarningColour.ORANGE, "500000"));

        assertThat(evaluated.decision().getIncidentLevel()).isEqualTo(ResponseLevel.II);
        assertThat(evaluated.outcome().firedRules()).containsExactlyInAnyOrder(ORANGE_INCIDENT, RED_INCIDENT);
    }

    @Test
    void aWarningElsewhereOrForOtherCategoriesChangesNothing() {
        assertThat(evaluate(request("waterlogging", "500103"), warning(WarningColour.RED, SHAPINGBA)).outcome().firedRules())
                .isEmpty();
        var noise = evaluate(request("noise", SHAPINGBA), warning(WarningColour.RED, SHAPINGBA));
        assertThat(noise.outcome().firedRules()).isEmpty();
        assertThat(noise.decision().changesAnything()).isFalse();
    }

    @Test
    void anExpiredWarningStopsEscalatingByItself() {
        var expired = new ActiveWarning(WarningKind.RAINSTORM, WarningColour.RED, SHAPINGBA, "cap-1",
                NOW.minusSeconds(7200), NOW);

        var evaluated = escalation.evaluateCase(request("waterlogging", SHAPINGBA), List.of(expired), NOW);

        assertThat(evaluated.decision().changesAnything()).isFalse();
        assertThat(evaluated.outcome().firedRules()).isEmpty();
    }

    // given/when helpers

    private static RainfallReading reading(String station, String division, double mm3h, double mm6h, double mm12h) {
        return new RainfallReading(station, division, NOW, mm3h, mm6h, mm12h);
    }

    private static Evaluated<List<WarningSignal>> signalsFrom(RainfallReading... readings) {
        return escalation.deriveRainstormSignals(List.of(readings));
    }

    private static WarningColour colourOf(Evaluated<List<WarningSignal>> derived, String division) {
        return derived.decision().stream().filter(s -> s.divisionCode().equals(division))
                .map(WarningSignal::colour).findFirst().orElse(null);
    }

    private static void assertFired(Evaluated<?> evaluated, String rule, boolean fired) {
        if (fired) {
            assertThat(evaluated.outcome().firedRules()).contains(rule);
        } else {
            assertThat(evaluated.outcome().firedRules()).doesNotContain(rule);
        }
    }

    static CaseFacts request(String category, String district) {
        return new CaseFacts("REQ-1", category, district, SlaClass.HELP, null, NOW, Map.of());
    }

    private static ActiveWarning warning(WarningColour colour, String division) {
        return new ActiveWarning(WarningKind.RAINSTORM, colour, division, "cap-" + colour, NOW.minusSeconds(600), null);
    }

    private static Evaluated<EscalationDecision> evaluate(CaseFacts request, ActiveWarning... warnings) {
        return escalation.evaluateCase(request, List.of(warnings), NOW);
    }
}
