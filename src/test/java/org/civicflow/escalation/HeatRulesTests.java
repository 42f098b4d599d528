package org.civicflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.civicflow.rules.RuleBase;
import org.civicflow.sla.SlaClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rules/escalation/heat.drl}: one test per rule, at the CMA thresholds. */
class HeatRulesTests {

    private static final EscalationService escalation = new EscalationService(new RuleBase());

    private static final String YELLOW = "A daily maximum of 35 °C on 3 consecutive days raises a yellow heat signal";
    private static final String ORANGE = "A maximum of 37 °C within 24 hours raises an orange heat signal";
    private static final String RED = "A maximum of 40 °C within 24 hours raises a red heat signal";
    private static final String URGENT = "Orange or red heat makes heat-relief and water or power supply requests urgent";
    private static final String VULNERABLE =
            "Orange or red heat makes heat-relief and water or power supply requests for a vulnerable person an emergency";
    private static final String FIRE_HAZARD = "Orange or red heat makes fire-hazard requests urgent";

    private static final LocalDate TODAY = LocalDate.of(2025, 8, 12);
    private static final Instant NOW = Instant.parse("2025-08-12T06:00:00Z");
    private static final String YUZHONG = "500103";

    @ParameterizedTest(name = "{0} °C on the third day: {1}")
    @CsvSource({"34.9, ", "35.0, YELLOW"})
    void threeConsecutiveDaysOfThirtyFiveDegreesRaiseAYellowSignal(double third, WarningColour expected) {
        var derived = heatSignals(TODAY, maxima("57516", TODAY.minusDays(2), 35.0, 36.0, third));

        assertThat(colourOf(derived, YUZHONG)).isEqualTo(expected);
        assertFired(derived, YELLOW, expected != null);
    }

    @Test
    void twoHotDaysAreNotYetAYellowSignalButTwoObservedAndOneForecastAre() {
        var twoDays = heatSignals(TODAY, maxima("57516", TODAY.minusDays(1), 36.0, 36.0));
        assertThat(twoDays.decision()).isEmpty();
        assertThat(twoDays.outcome().firedRules()).doesNotContain(YELLOW);

        var withForecast = heatSignals(TODAY, maxima("57516", TODAY.minusDays(1), 36.0, 36.0, 35.5));
        assertThat(colourOf(withForecast, YUZHONG)).isEqualTo(WarningColour.YELLOW);
        assertThat(withForecast.outcome().firedRules()).contains(YELLOW);
    }

    @Test
    void aHotRunThatEndedBeforeTheDayAssessedOrHasAGapRaisesNoSignal() {
        var ended = heatSignals(TODAY, maxima("57516", TODAY.minusDays(4), 36.0, 36.0, 36.0, 30.0, 30.0));
        var gap = heatSignals(TODAY, maxima("57516", TODAY.minusDays(2), 36.0, 34.0, 36.0));
        var twoStations = heatSignals(TODAY, concat(maxima("A", TODAY.minusDays(2), 36.0, 36.0, 20.0),
                maxima("B", TODAY.minusDays(2), 20.0, 20.0, 36.0)));

        assertThat(ended.decision()).isEmpty();
        assertThat(gap.decision()).isEmpty();
        assertThat(twoStations.decision()).isEmpty();
        assertThat(ended.outcome().firedRules()).isEmpty();
    }

    @ParameterizedTest(name = "{0} °C: {1}")
    @CsvSource({"36.9, ", "37.0, ORANGE"})
    void thirtySevenDegreesWithinTwentyFourHoursRaiseAnOrangeSignal(double celsius, WarningColour expected) {
        var derived = heatSignals(TODAY, maxima("57516", TODAY, celsius));

        assertThat(colourOf(derived, YUZHONG)).isEqualTo(expected);
        assertFired(derived, ORANGE, expected != null);
    }

    @ParameterizedTest(name = "{0} °C: {1}")
    @CsvSource({"39.9, ORANGE", "40.0, RED"})
    void fortyDegreesWithinTwentyFourHoursRaiseARedSignal(double celsius, WarningColour expected) {
        var derived = heatSignals(TODAY, maxima("57516", TODAY, celsius));

        assertThat(colourOf(derived, YUZHONG)).isEqualTo(expected);
        assertFired(derived, RED, expected == WarningColour.RED);
    }

    @Test
    void yesterdaysFortyDegreesDoNotMakeTodayRed() {
        var derived = heatSignals(TODAY, maxima("57516", TODAY.minusDays(1), 41.0, 33.0));

        assertThat(derived.decision()).isEmpty();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({"heat-relief, ORANGE", "heat-relief, RED", "pipeline-leak, ORANGE"})
    void orangeOrRedHeatMakesHeatReliefAndSupplyRequestsUrgent(String category, WarningColour colour) {
        var evaluated = evaluate(request(category, SlaClass.HELP, Map.of()), heatWarning(colour));

        assertThat(evaluated.decision().getSlaClass()).isEqualTo(SlaClass.URGENT);
        assertThat(evaluated.outcome().firedRules()).containsExactly(URGENT);
    }

    @Test
    void yellowHeatChangesNoRequest() {
        var evaluated = evaluate(request("heat-relief", SlaClass.HELP, Map.of("vulnerable", "infant")),
                heatWarning(WarningColour.YELLOW));

        assertThat(evaluated.decision().changesAnything()).isFalse();
        assertThat(evaluated.outcome().firedRules()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"elderly-alone", "home-medical-equipment", "infant"})
    void orangeOrRedHeatMakesTheRequestsOfAVulnerablePersonAnEmergency(String vulnerable) {
        var evaluated = evaluate(request("heat-relief", SlaClass.HELP, Map.of("vulnerable", vulnerable)),
                heatWarning(WarningColour.RED));

        assertThat(evaluated.decision().getSlaClass()).isEqualTo(SlaClass.EMERGENCY);
        assertThat(evaluated.outcome().firedRules()).containsExactlyInAnyOrder(URGENT, VULNERABLE);
    }

    @Test
    void anUnknownVulnerabilityOrAnAlreadyUrgentRequestIsNotRaisedFurther() {
        var unknown = evaluate(request("heat-relief", SlaClass.HELP, Map.of("vulnerable", "teenager")),
                heatWarning(WarningColour.ORANGE));
        var alreadyUrgent = evaluate(request("pipeline-leak", SlaClass.URGENT, Map.of()), heatWarning(WarningColour.ORANGE));

        assertThat(unknown.decision().getSlaClass()).isEqualTo(SlaClass.URGENT);
        assertThat(unknown.outcome().firedRules()).containsExactly(URGENT);
        assertThat(alreadyUrgent.decision().getSlaClass()).isNull();
        assertThat(alreadyUrgent.outcome().firedRules()).containsExactly(URGENT);
    }

    @ParameterizedTest(name = "under {0}")
    @CsvSource({"ORANGE", "RED"})
    void orangeOrRedHeatMakesFireHazardRequestsUrgent(WarningColour colour) {
        var evaluated = evaluate(request("fire-hazard", SlaClass.COMPLAINT, Map.of()), heatWarning(colour));

        assertThat(evaluated.decision().getSlaClass()).isEqualTo(SlaClass.URGENT);
        assertThat(evaluated.outcome().firedRules()).containsExactly(FIRE_HAZARD);
    }

    @Test
    void aCityWideHeatWarningCoversEveryDistrictAndOtherCategoriesStayAsTheyAre() {
        var cityWide = new ActiveWarning(WarningKind.HEAT, WarningColour.RED, "500000", "cap-city", null, null);

        assertThat(evaluate(request("fire-hazard", SlaClass.COMPLAINT, Map.of()), cityWide).decision().getSlaClass())
                .isEqualTo(SlaClass.URGENT);
        assertThat(evaluate(request("noise", SlaClass.COMPLAINT, Map.of()), cityWide).outcome().firedRules()).isEmpty();
        assertThat(evaluate(request("waterlogging", SlaClass.HELP, Map.of()), cityWide).outcome().firedRules()).isEmpty();
    }

    // given/when helpers

    private static List<DailyMaximum> maxima(String station, LocalDate firstDay, double... celsius) {
        List<DailyMaximum> maxima = new ArrayList<>();
        for (int i = 0; i < celsius.length; i++) {
            maxima.add(new DailyMaximum(station, YUZHONG, firstDay.plusDays(i), celsius[i]));
        }
        return maxima;
    }

    private static List<DailyMaximum> concat(List<DailyMaximum> a, List<DailyMaximum> b) {
        List<DailyMaximum> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Evaluated<List<WarningSignal>> heatSignals(LocalDate asOf, List<DailyMaximum> maxima) {
        return escalation.deriveHeatSignals(maxima, asOf);
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

    private static CaseFacts request(String category, SlaClass current, Map<String, String> attributes) {
        return new CaseFacts("REQ-7", category, "500103002", current, null, NOW, attributes);
    }

    private static ActiveWarning heatWarning(WarningColour colour) {
        return new ActiveWarning(WarningKind.HEAT, colour, YUZHONG, "cap-heat-" + colour, NOW.minusSeconds(3600),
                NOW.plusSeconds(86_400));
    }

    private static Evaluated<EscalationDecision> evaluate(CaseFacts request, ActiveWarning warning) {
        return escalation.evaluateCase(request, List.of(warning), NOW);
    }
}
