package org.civicflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicflow.sla.WorkingDayCalendarTest.beijing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineCalculatorTest {

    private final WorkingDayCalendar calendar = new WorkingDayCalendar(new SimpleMeterRegistry());
    private final DeadlineCalculator deadlines = new DeadlineCalculator(calendar, DeadlinePolicy.defaults());

    private final Instant thursdayBeforeMidAutumn = beijing("2026-09-24T10:00");

    @Test
    void workingDaySpecsEndAtCloseOfBusinessAndClockSpecsRunOnTheClock() {
        assertThat(deadlines.due(thursdayBeforeMidAutumn, DeadlineSpec.parse("3wd"))).isEqualTo(beijing("2026-09-30T17:30"));
        assertThat(deadlines.due(thursdayBeforeMidAutumn, DeadlineSpec.parse("PT24H"))).isEqualTo(beijing("2026-09-25T10:00"));
    }

    @Test
    void handlingLimitsFollowTheSlaClass() {
        assertThat(handlingDue(SlaClass.CONSULTATION)).isEqualTo(beijing("2026-09-30T17:30"));
        assertThat(handlingDue(SlaClass.HELP)).isEqualTo(beijing("2026-10-12T17:30"));
        assertThat(handlingDue(SlaClass.COMPLAINT)).isEqualTo(beijing("2026-10-22T17:30"));
        assertThat(handlingDue(SlaClass.URGENT)).isEqualTo(beijing("2026-09-25T10:00"));
        assertThat(handlingDue(SlaClass.EMERGENCY)).isEqualTo(beijing("2026-09-24T12:00"));
    }

    @Test
    void dispatchSignForAndCallBackLimitsComeFromThePolicy() {
        assertThat(deadlines.due(thursdayBeforeMidAutumn, SlaStage.DISPATCH, SlaClass.EMERGENCY)).isEqualTo(beijing("2026-09-24T11:00"));
        assertThat(deadlines.due(thursdayBeforeMidAutumn, SlaStage.DISPATCH, SlaClass.HELP)).isEqualTo(beijing("2026-09-25T10:00"));
        assertThat(deadlines.due(thursdayBeforeMidAutumn, SlaStage.SIGN_FOR, null)).isEqualTo(beijing("2026-09-29T17:30"));
        assertThat(deadlines.due(thursdayBeforeMidAutumn, SlaStage.CALL_BACK, null)).isEqualTo(beijing("2026-09-30T17:30"));
    }

    @Test
    void theReminderFallsAtThreeQuartersOfTheWallTime() {
        Instant start = beijing("2026-03-09T10:00");

        assertThat(deadlines.reminderAt(start, beijing("2026-03-09T14:00"))).isEqualTo(beijing("2026-03-09T13:00"));
        // 151.5 h from Thursday 10:00 to Wednesday 17:30 across the holiday: 75% is 113 h 37.5 min.
        Instant threeWorkingDays = deadlines.due(thursdayBeforeMidAutumn, DeadlineSpec.parse("3wd"));
        assertThat(deadlines.reminderAt(thursdayBeforeMidAutumn, threeWorkingDays))
                .isEqualTo(beijing("2026-09-29T03:37:30"));
    }

    @Test
    void theReminderFractionIsConfigurable() {
        DeadlineCalculator halfway = new DeadlineCalculator(calendar, new DeadlinePolicy(null, null, null, null, 0.5));
        Instant start = beijing("2026-03-09T10:00");

        assertThat(halfway.reminderAt(start, beijing("2026-03-09T14:00"))).isEqualTo(beijing("2026-03-09T12:00"));
    }

    @Test
    void aReminderNeedsADeadlineAfterTheStart() {
        Instant start = beijing("2026-03-09T10:00");

        assertThatThrownBy(() -> deadlines.reminderAt(start, start)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deadlines.reminderAt(start, start.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private Instant handlingDue(SlaClass slaClass) {
        return deadlines.due(thursdayBeforeMidAutumn, SlaStage.HANDLING, slaClass);
    }
}
