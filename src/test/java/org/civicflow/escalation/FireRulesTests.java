package org.civicflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicflow.rules.RuleBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rules/escalation/fire.drl}: one test per rule, at every boundary of the Ministry of Public Security table. */
class FireRulesTests {

    private static final EscalationService escalation = new EscalationService(new RuleBase());

    private static final String GENERAL = "Every fire is at least a general fire (一般, level IV)";
    private static final String LARGER =
            "3 deaths, 10 serious injuries or 10 million CNY direct loss make a larger fire (较大, level III)";
    private static final String MAJOR =
            "10 deaths, 50 serious injuries or 50 million CNY direct loss make a major fire (重大, level II)";
    private static final String ESPECIALLY_MAJOR =
            "30 deaths, 100 serious injuries or 100 million CNY direct loss make an especially major fire (特别重大, level I)";
    private static final String SCENE =
            "People trapped, a high-rise, hazardous materials or a crowded place make a fire at least larger (level III)";
    private static final String TRAPPED_IN_CROWD = "People trapped in a crowded place make a fire at least major (level II)";

    @Test
    void everyFireIsAtLeastAGeneralFire() {
        var graded = grade(FireReport.withFigures("F-1", "500106", 2, 9, 9_999_999L));

        assertThat(graded.decision().getGrade()).isEqualTo(FireGrade.GENERAL);
        assertThat(graded.decision().getResponseLevel()).isEqualTo(ResponseLevel.IV);
        assertThat(graded.outcome().firedRules()).containsExactly(GENERAL);
    }

    @ParameterizedTest(name = "{0} deaths, {1} injuries, {2} CNY: {3}")
    @CsvSource({
            "2, 0, 0, GENERAL",
            "3, 0, 0, LARGER",
            "0, 9, 0, GENERAL",
            "0, 10, 0, LARGER",
            "0, 0, 9999999, GENERAL",
            "0, 0, 10000000, LARGER",
            "9, 49, 49999999, LARGER",
    })
    void threeDeathsTenSeriousInjuriesOrTenMillionMakeALargerFire(int deaths, int injuries, long loss, FireGrade expected) {
        var graded = grade(FireReport.withFigures("F-2", "500106", deaths, injuries, loss));

        assertThat(graded.decision().getGrade()).isEqualTo(expected);
        assertFired(graded, LARGER, expected == FireGrade.LARGER);
    }

    @ParameterizedTest(name = "{0} deaths, {1} injuries, {2} CNY: {3}")
    @CsvSource({
            "9, 0, 0, LARGER",
            "10, 0, 0, MAJOR",
            "0, 49, 0, LARGER",
            "0, 50, 0, MAJOR",
            "0, 0, 49999999, LARGER",
            "0, 0, 50000000, MAJOR",
            "29, 99, 99999999, MAJOR",
    })
    void tenDeathsFiftySeriousInjuriesOrFiftyMillionMakeAMajorFire(int deaths, int injuries, long loss, FireGrade expected) {
        var graded = grade(FireReport.withFigures("F-3", "500106", deaths, injuries, loss));

        assertThat(graded.decision().getGrade()).isEqualTo(expected);
        assertFired(graded, MAJOR, expected == FireGrade.MAJOR);
    }

    @ParameterizedTest(name = "{0} deaths, {1} injuries, {2} CNY: {3}")
    @CsvSource({
            "29, 0, 0, MAJOR",
            "30, 0, 0, ESPECIALLY_MAJOR",
            "0, 99, 0, MAJOR",
            "0, 100, 0, ESPECIALLY_MAJOR",
            "0, 0, 99999999, MAJOR",
            "0, 0, 100000000, ESPECIALLY_MAJOR",
    })
    void thirtyDeathsAHundredSeriousInjuriesOrAHundredMillionMakeAnEspeciallyMajorFire(int deaths, int injuries, long loss,
                                                                                     FireGrade expected) {
        var graded = grade(FireReport.withFigures("F-4", "500106", deaths, injuries, loss));

        assertThat(graded.decision().getGrade()).isEqualTo(expected);
        assertThat(graded.decision().getResponseLevel()).isEqualTo(expected.responseLevel());
        assertFired(graded, ESPECIALLY_MAJOR, expected == FireGrade.ESPECIALLY_MAJOR);
    }

    @Test
    void theHighestCriterionWins() {
        var graded = grade(FireReport.withFigures("F-5", "500106", 1, 60, 12_000_000L));

        assertThat(graded.decision().getGrade()).isEqualTo(FireGrade.MAJOR);
        assertThat(graded.outcome().firedRules()).containsExactlyInAnyOrder(GENERAL, LARGER, MAJOR);
    }

    @ParameterizedTest(name = "trapped={0}, floors={1}, hazardous={2}, crowded={3}: {4}")
    @CsvSource({
            "false, 9, false, false, GENERAL",
            "true, 0, false, false, LARGER",
            "false, 10, false, false, LARGER",
            "false, 0, true, false, LARGER",
            "false, 0, false, true, LARGER",
    })
    void peopleTrappedAHighRiseHazardousMaterialsOrACrowdedPlaceMakeAnEarlyReportAtLeastLarger(
            boolean trapped, int floors, boolean hazardous, boolean crowded, FireGrade expected) {
        var graded = grade(FireReport.early("F-6", "500103", trapped, floors, hazardous, crowded));

        assertThat(graded.decision().getGrade()).isEqualTo(expected);
        assertFired(graded, SCENE, expected == FireGrade.LARGER);
    }

    @Test
    void peopleTrappedInACrowdedPlaceMakeAFireAtLeastMajor() {
        var graded = grade(FireReport.early("F-7", "500103", true, 3, false, true));

        assertThat(graded.decision().getGrade()).isEqualTo(FireGrade.MAJOR);
        assertThat(graded.decision().getResponseLevel()).isEqualTo(ResponseLevel.II);
        assertThat(graded.outcome().firedRules()).contains(TRAPPED_IN_CROWD);
    }

    @Test
    void aLaterReportIsGradedAfreshFromItsOwnFacts() {
        var early = grade(FireReport.early("F-8", "500103", true, 2, false, false));
        var later = grade(new FireReport("F-8", "500103", 12, 20, 3_000_000L, false, 2, false, false));
        var rescued = grade(FireReport.withFigures("F-8", "500103", 0, 1, 200_000L));

        assertThat(early.decision().getGrade()).isEqualTo(FireGrade.LARGER);
        assertThat(later.decision().getGrade()).isEqualTo(FireGrade.MAJOR);
        assertThat(rescued.decision().getGrade()).isEqualTo(FireGrade.GENERAL);
    }

    private static Evaluated<FireAssessment> grade(FireReport report) {
        return escalation.gradeFire(report);
    }

    private static void assertFired(Evaluated<?> evaluated, String rule, boolean fired) {
        if (fired) {
            assertThat(evaluated.outcome().firedRules()).contains(rule);
        } else {
            assertThat(evaluated.outcome().firedRules()).doesNotContain(rule);
        }
    }
}
