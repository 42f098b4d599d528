package org.civicflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civicflow.rules.RuleBase;
import org.civicflow.sla.SlaClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rules/escalation/hotspot.drl}: one test per rule, at the 500 m, 7-day and 3-request limits. */
class HotspotRulesTests {

    private static final EscalationService escalation = new EscalationService(new RuleBase());

    private static final String HOTSPOT = "Three requests of one category within 500 m in 7 days are a hotspot";
    private static final String SUPERVISOR = "A hotspot is reported to the district supervisor";
    private static final String ENFORCEMENT =
            "A hotspot of illegal construction, street vending, noise or air pollution proposes joint law enforcement";

    private static final Instant NOW = Instant.parse("2025-06-20T02:00:00Z");
    /** 三峡广场, Shapingba. */
    private static final GeoPoint HERE = new GeoPoint(29.5570, 106.4570);
    private static final double METRES_PER_DEGREE_LAT = 6_371_008.8 * Math.PI / 180;

    @ParameterizedTest(name = "{0} earlier requests: hotspot {1}")
    @CsvSource({"1, false", "2, true", "5, true"})
    void threeRequestsOfOneCategoryWithin500MetresIn7DaysAreAHotspot(int earlier, boolean hotspot) {
        var recent = java.util.stream.IntStream.range(0, earlier)
                .mapToObj(i -> recent("R-" + i, "waste", north(100), NOW.minus(Duration.ofDays(1)))).toList();

        var checked = escalation.checkHotspot(request("waste"), recent);

        assertThat(checked.decision().getHotspot() != null).isEqualTo(hotspot);
        assertFired(checked, HOTSPOT, hotspot);
        if (hotspot) {
            assertThat(checked.decision().getHotspot().size()).isEqualTo(earlier + 1);
            assertThat(checked.decision().getHotspot().category()).isEqualTo("waste");
            // the reason goes into every event and notice the decision causes: it counts the requests, the hotspot names them
            assertThat(checked.decision().getReasons()).first().asString()
                    .isEqualTo("hotspot of " + (earlier + 1) + " waste requests within 500 m in 7 days");
            assertThat(checked.decision().getHotspot().earlierBusinessKeys()).hasSize(earlier).contains("R-0");
        }
    }

    @ParameterizedTest(name = "second earlier request {0} m away: hotspot {1}")
    @CsvSource({"499, true", "501, false"})
    void onlyRequestsWithin500MetresCount(double metres, boolean hotspot) {
        var checked = escalation.checkHotspot(request("waste"), List.of(
                recent("R-1", "waste", north(10), NOW.minus(Duration.ofHours(3))),
                recent("R-2", "waste", north(metres), NOW.minus(Duration.ofHours(5)))));

        assertFired(checked, HOTSPOT, hotspot);
    }

    @ParameterizedTest(name = "second earlier request {0} before: hotspot {1}")
    @CsvSource({"PT168H, true", "PT168H1S, false"})
    void onlyRequestsOfTheLast7DaysCount(Duration before, boolean hotspot) {
        var checked = escalation.checkHotspot(request("waste"), List.of(
                recent("R-1", "waste", north(10), NOW.minus(Duration.ofHours(3))),
                recent("R-2", "waste", north(10), NOW.minus(before))));

        assertFired(checked, HOTSPOT, hotspot);
    }

    @Test
    void otherCategoriesLaterRequestsAndTheRequestItselfDoNotCount() {
        var checked = escalation.checkHotspot(request("waste"), List.of(
                recent("R-1", "waste", north(10), NOW.minus(Duration.ofHours(3))),
                recent("R-2", "noise", north(10), NOW.minus(Duration.ofHours(3))),
                recent("R-3", "waste", north(10), NOW.plus(Duration.ofHours(1))),
                recent("REQ-9", "waste", HERE, NOW)));

        assertThat(checked.decision().changesAnything()).isFalse();
        assertThat(checked.outcome().firedRules()).isEmpty();
    }

    @Test
    void aHotspotIsReportedToTheDistrictSupervisor() {
        var checked = escalation.checkHotspot(request("road-damage"), twoEarlier("road-damage"));

        assertThat(checked.decision().getGroupsToNotify()).containsExactly("500106-supervisor");
        assertThat(checked.decision().isJointEnforcementProposed()).isFalse();
        assertThat(checked.outcome().firedRules()).containsExactly(HOTSPOT, SUPERVISOR);
    }

    @ParameterizedTest(name = "{0}: joint enforcement {1}")
    @CsvSource({
            "illegal-construction, true",
            "street-vending, true",
            "noise, true",
            "air-pollution, true",
            "waste, false",
    })
    void aHotspotOfNuisancesProposesJointLawEnforcement(String category, boolean proposed) {
        var checked = escalation.checkHotspot(request(category), twoEarlier(category));

        assertThat(checked.decision().isJointEnforcementProposed()).isEqualTo(proposed);
        assertFired(checked, ENFORCEMENT, proposed);
        assertThat(checked.decision().getSlaClass()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"noise", "waste"})
    void aHotspotAnEarlierRequestReportedIsJoinedNotReportedAgain(String category) {
        Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));
        Instant twoDaysAgo = NOW.minus(Duration.ofDays(2));
        var checked = escalation.checkHotspot(request(category), List.of(
                reported("R-1", category, north(120), threeDaysAgo, "R-1", threeDaysAgo),
                reported("R-2", category, north(-80), twoDaysAgo, "R-2", twoDaysAgo),
                recent("R-3", category, north(10), NOW.minus(Duration.ofDays(1)))));

        Hotspot hotspot = checked.decision().getHotspot();
        assertThat(hotspot.size()).isEqualTo(4);
        assertThat(hotspot.reportedWith()).as("the newest report").isEqualTo("R-2");
        assertThat(checked.decision().getReasons()).containsExactly(
                "hotspot of 4 " + category + " requests within 500 m in 7 days, already reported with R-2");
        assertThat(checked.decision().getGroupsToNotify()).isEmpty();
        assertThat(checked.decision().isJointEnforcementProposed()).isFalse();
        assertThat(checked.outcome().firedRules()).containsExactly(HOTSPOT);
    }

    @ParameterizedTest(name = "report {0} before, by a request {1} m away: reported again {2}")
    @CsvSource({"PT168H, 10, false", "PT168H1S, 10, true", "PT1H, 499, false", "PT1H, 501, true"})
    void aReportOlderThan7DaysOrOfARequestOutsideThe500MetresDoesNotCount(Duration before, double metres,
                                                                          boolean reportedAgain) {
        // R-0 joined the hotspot R-9 reported (R-9 itself is no longer among the requests read)
        var checked = escalation.checkHotspot(request("noise"), List.of(
                reported("R-0", "noise", north(metres), NOW.minus(Duration.ofHours(1)), "R-9", NOW.minus(before)),
                recent("R-1", "noise", north(120), NOW.minus(Duration.ofDays(2))),
                recent("R-2", "noise", north(-80), NOW.minus(Duration.ofDays(6)))));

        assertThat(checked.decision().getHotspot().reportedWith()).isEqualTo(reportedAgain ? null : "R-9");
        assertThat(checked.decision().getGroupsToNotify()).hasSize(reportedAgain ? 1 : 0);
        assertThat(checked.decision().isJointEnforcementProposed()).isEqualTo(reportedAgain);
    }

    // given/when helpers

    private static CaseFacts request(String category) {
        return new CaseFacts("REQ-9", category, "500106003", SlaClass.COMPLAINT, HERE, NOW, Map.of());
    }

    private static RecentRequest recent(String key, String category, GeoPoint where, Instant at) {
        return new RecentRequest(key, category, where, at);
    }

    /** An earlier request that belongs to the hotspot {@code reportedBy} reported at {@code reportedAt}. */
    private static RecentRequest reported(String key, String category, GeoPoint where, Instant at, String reportedBy,
                                          Instant reportedAt) {
        return new RecentRequest(key, category, where, at, reportedBy, reportedAt);
    }

    private static List<RecentRequest> twoEarlier(String category) {
        return List.of(recent("R-1", category, north(120), NOW.minus(Duration.ofDays(2))),
                recent("R-2", category, north(-80), NOW.minus(Duration.ofDays(6))));
    }

    /** A point {@code metres} north of {@link #HERE} (negative: south), at great-circle distance {@code metres}. */
    private static GeoPoint north(double metres) {
        return new GeoPoint(HERE.lat() + metres / METRES_PER_DEGREE_LAT, HERE.lon());
    }

    private static void assertFired(Evaluated<?> evaluated, String rule, boolean fired) {
        if (fired) {
            assertThat(evaluated.outcome().firedRules()).contains(rule);
        } else {
            assertThat(evaluated.outcome().firedRules()).doesNotContain(rule);
        }
    }
}
