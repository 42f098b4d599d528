package org.civicflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Dates below are checked against cn-public-holidays.csv and a 2025/2026 wall calendar. */
@ExtendWith(OutputCaptureExtension.class)
class WorkingDayCalendarTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WorkingDayCalendar calendar = new WorkingDayCalendar(meters);

    @Test
    void aNormalWeekCountsMondayToFridayAndEndsAtHalfPastFive() {
        Instant mondayMorning = beijing("2026-03-09T09:00");

        assertThat(calendar.addWorkingDays(mondayMorning, 3)).isEqualTo(beijing("2026-03-12T17:30"));
        assertThat(calendar.addWorkingDays(mondayMorning, 5)).isEqualTo(beijing("2026-03-16T17:30"));
    }

    @Test
    void theStartDayNeverCountsWhateverTheHour() {
        Instant deadline = beijing("2026-03-10T17:30");

        assertThat(calendar.addWorkingDays(beijing("2026-03-09T00:00"), 1)).isEqualTo(deadline);
        assertThat(calendar.addWorkingDays(beijing("2026-03-09T08:00"), 1)).isEqualTo(deadline);
        assertThat(calendar.addWorkingDays(beijing("2026-03-09T23:59"), 1)).isEqualTo(deadline);
    }

    @Test
    void theStartDayIsTheDateInBeijingNotInUtc() {
        // 17:00 UTC on Sunday is 01:00 on Monday in Chongqing: Monday is the start day.
        Instant sundayEveningUtc = Instant.parse("2026-03-08T17:00:00Z");

        assertThat(calendar.addWorkingDays(sundayEveningUtc, 1)).isEqualTo(beijing("2026-03-10T17:30"));
    }

    @Test
    void aFridayNightRequestIsDueOnMonday() {
        assertThat(calendar.addWorkingDays(beijing("2026-03-13T23:00"), 1)).isEqualTo(beijing("2026-03-16T17:30"));
    }

    @Test
    void theMidAutumnAndNationalDayHolidaysOf2026AreSkipped() {
        // Thu 24 Sep; Mid-Autumn Fri 25–Sun 27 Sep; National Day Thu 1–Wed 7 Oct; make-up Sat 10 Oct.
        Instant thursdayBeforeMidAutumn = beijing("2026-09-24T10:00");

        assertThat(calendar.addWorkingDays(thursdayBeforeMidAutumn, 3)).isEqualTo(beijing("2026-09-30T17:30"));
        assertThat(calendar.addWorkingDays(thursdayBeforeMidAutumn, 7)).isEqualTo(beijing("2026-10-12T17:30"));
        assertThat(calendar.addWorkingDays(thursdayBeforeMidAutumn, 15)).isEqualTo(beijing("2026-10-22T17:30"));
    }

    @Test
    void holidaysThatFallOnWeekdaysAreNotWorkingDays() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-25"))).isFalse();
        IntStream.rangeClosed(1, 7)
                .mapToObj(day -> LocalDate.of(2026, 10, day))
                .forEach(day -> assertThat(calendar.isWorkingDay(day)).as("%s", day).isFalse());
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-08"))).isTrue();
    }

    @Test
    void aMakeUpSundayIsAWorkingDayAndAnOrdinarySaturdayIsNot() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-19"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-20"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse();

        Instant fridayBeforeTheMakeUpSunday = beijing("2026-09-18T15:00");
        assertThat(calendar.addWorkingDays(fridayBeforeTheMakeUpSunday, 1)).isEqualTo(beijing("2026-09-20T17:30"));
        assertThat(calendar.addWorkingDays(fridayBeforeTheMakeUpSunday, 2)).isEqualTo(beijing("2026-09-21T17:30"));
    }

    @Test
    void theSpringFestivalOf2026IsSkippedAndItsMakeUpSaturdaysCount() {
        // Make-up Sat 14 Feb; holiday Sun 15–Mon 23 Feb; make-up Sat 28 Feb.
        Instant fridayBeforeSpringFestival = beijing("2026-02-13T11:00");

        assertThat(calendar.addWorkingDays(fridayBeforeSpringFestival, 1)).isEqualTo(beijing("2026-02-14T17:30"));
        assertThat(calendar.addWorkingDays(fridayBeforeSpringFestival, 2)).isEqualTo(beijing("2026-02-24T17:30"));
        assertThat(calendar.addWorkingDays(fridayBeforeSpringFestival, 5)).isEqualTo(beijing("2026-02-27T17:30"));
        assertThat(calendar.addWorkingDays(fridayBeforeSpringFestival, 6)).isEqualTo(beijing("2026-02-28T17:30"));
        assertThat(calendar.addWorkingDays(fridayBeforeSpringFestival, 7)).isEqualTo(beijing("2026-03-02T17:30"));
    }

    @Test
    void aRequestTakenOnAHolidayCountsFromTheFirstWorkingDayAfterIt() {
        assertThat(calendar.addWorkingDays(beijing("2026-02-16T10:00"), 1)).isEqualTo(beijing("2026-02-24T17:30"));
        assertThat(calendar.addWorkingDays(beijing("2026-10-01T10:00"), 1)).isEqualTo(beijing("2026-10-08T17:30"));
        assertThat(calendar.addWorkingDays(beijing("2026-10-01T10:00"), 3)).isEqualTo(beijing("2026-10-10T17:30"));
    }

    @Test
    void aRequestTakenOnAMakeUpWorkdayDoesNotCountThatDay() {
        assertThat(calendar.addWorkingDays(beijing("2026-02-14T09:00"), 1)).isEqualTo(beijing("2026-02-24T17:30"));
        assertThat(calendar.addWorkingDays(beijing("2026-09-20T09:00"), 1)).isEqualTo(beijing("2026-09-21T17:30"));
    }

    @Test
    void theNewYearHolidayOf2025AndItsMakeUpDaysAreKnownToo() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-01-01"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-01-26"))).isTrue();
        assertThat(calendar.addWorkingDays(beijing("2025-12-31T10:00"), 1)).isEqualTo(beijing("2026-01-04T17:30"));
    }

    @Test
    void clockTimeRunsRoundTheClockAcrossHolidays() {
        Instant eveOfNationalDay = beijing("2026-09-30T12:00");

        assertThat(calendar.addClockTime(eveOfNationalDay, Duration.ofHours(24))).isEqualTo(beijing("2026-10-01T12:00"));
        assertThat(calendar.addClockTime(beijing("2026-10-03T23:30"), Duration.ofHours(2))).isEqualTo(beijing("2026-10-04T01:30"));
    }

    @Test
    void zeroOrNegativeLimitsAreRejected() {
        Instant start = beijing("2026-03-09T09:00");

        assertThatThrownBy(() -> calendar.addWorkingDays(start, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingDays(start, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addClockTime(start, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addClockTime(start, Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysBetweenCountsTheDaysAfterTheStartUpToAndIncludingTheEnd() {
        LocalDate thursdayBeforeMidAutumn = LocalDate.parse("2026-09-24");

        assertThat(calendar.workingDaysBetween(thursdayBeforeMidAutumn, LocalDate.parse("2026-10-12"))).isEqualTo(7);
        assertThat(calendar.workingDaysBetween(thursdayBeforeMidAutumn, thursdayBeforeMidAutumn)).isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-10-12"), thursdayBeforeMidAutumn)).isEqualTo(-7);
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-07"))).isZero();
    }

    @Test
    void workingDaysBetweenAgreesWithAddWorkingDays() {
        Instant start = beijing("2026-02-10T14:00");
        LocalDate startDate = LocalDate.parse("2026-02-10");

        for (int n = 1; n <= 30; n++) {
            LocalDate deadline = calendar.addWorkingDays(start, n).atZone(WorkingDayCalendar.ZONE).toLocalDate();
            assertThat(calendar.workingDaysBetween(startDate, deadline)).as("%d working days", n).isEqualTo(n);
        }
    }

    @Test
    void theYearsWithDataAreTheYearsInTheFile() {
        assertThat(calendar.yearsWithData()).containsExactly(2025, 2026);
    }

    @Test
    void aDateIn2027CountsMondayToFridayAndIsCountedEveryTimeButWarnedOnce(CapturedOutput output) {
        // 1 Jan 2027 is a Friday: surely a holiday, but without the notice it counts as a working day.
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-01"))).isTrue();
        assertThat(calendar.addWorkingDays(beijing("2026-12-31T10:00"), 1)).isEqualTo(beijing("2027-01-01T17:30"));
        assertThat(calendar.workingDaysBetween(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-08"))).isEqualTo(5);

        assertThat(missingYearCount("2027")).isEqualTo(3.0);
        assertThat(output.getOut()).containsOnlyOnce("no public-holiday data for 2027: counting Mon–Fri only; "
                + "add the State Council notice to calendar/cn-public-holidays.csv");
    }

    @Test
    void computationsWithinCoveredYearsCountNothingMissing() {
        calendar.addWorkingDays(beijing("2025-12-20T10:00"), 15);
        calendar.isWorkingDay(LocalDate.parse("2026-12-31"));

        assertThat(meters.find(WorkingDayCalendar.MISSING_YEAR_METRIC).counters()).isEmpty();
    }

    @Test
    void aMakeUpWorkdayOnAWeekdayIsRejectedAsATypo() {
        assertThatThrownBy(() -> calendarFrom("date,kind,name\n2026-10-09,workday,typo\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("Saturday or Sunday");
    }

    @Test
    void anUnknownKindOrADuplicateDateIsRejectedWithItsLine() {
        assertThatThrownBy(() -> calendarFrom("date,kind,name\n2026-10-01,holdiay,National Day\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("holdiay");
        assertThatThrownBy(() -> calendarFrom("date,kind,name\n2026-10-01,holiday,a\n2026-10-01,holiday,b\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("listed twice");
    }

    @Test
    void aTableWithoutItsHeaderIsRejected() {
        assertThatThrownBy(() -> calendarFrom("2026-10-01,holiday,National Day\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("date,kind,name");
    }

    private double missingYearCount(String year) {
        Counter counter = meters.find(WorkingDayCalendar.MISSING_YEAR_METRIC).tag("year", year).counter();
        return counter == null ? 0 : counter.count();
    }

    private WorkingDayCalendar calendarFrom(String csv) {
        return WorkingDayCalendar.fromCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), meters);
    }

    static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingDayCalendar.ZONE).toInstant();
    }
}
