package org.civicflow.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.civicflow.sla.HolidayCsv.DayKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Chinese working days as the State Council announces them: Monday to Friday, minus public
 * holidays, plus the Saturdays and Sundays worked in exchange (调休上班). A holiday list alone
 * gives wrong deadlines, because a make-up Saturday counts like any Tuesday.
 *
 * <p>Dates are local to {@link #ZONE}. The data is {@code calendar/cn-public-holidays.csv};
 * a year missing from it is counted Mon–Fri only, with a warning and the counter
 * {@value #MISSING_YEAR_METRIC} (tag {@code year}), so an operator notices before deadlines drift.
 */
@Component
public class WorkingDayCalendar {

    /** Chongqing keeps Beijing time; deadlines are read by clerks on local calendars. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A deadline counted in working days falls due at close of business on its last day. */
    public static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 30);

    public static final String MISSING_YEAR_METRIC = "civicflow.calendar.missing.year";

    static final String HOLIDAY_DATA = "calendar/cn-public-holidays.csv";

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    private final Map<LocalDate, DayKind> exceptions;
    private final Set<Integer> yearsWithData;
    private final MeterRegistry meterRegistry;
    private final Set<Integer> yearsWarned = ConcurrentHashMap.newKeySet();

    /** Reads the holiday table shipped on the classpath. */
    @Autowired
    public WorkingDayCalendar(MeterRegistry meterRegistry) {
        this(HolidayCsv.readClasspath(HOLIDAY_DATA), meterRegistry);
        log.info("Working-day calendar: public-holiday data for {}", yearsWithData);
    }

    private WorkingDayCalendar(Map<LocalDate, DayKind> exceptions, MeterRegistry meterRegistry) {
        this.exceptions = exceptions;
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        Set<Integer> years = new TreeSet<>();
        exceptions.keySet().forEach(date -> years.add(date.getYear()));
        this.yearsWithData = Collections.unmodifiableSet(years);
    }

    /** A calendar over any table in the {@code date,kind,name} format, for tests and tools. */
    public static WorkingDayCalendar fromCsv(InputStream csv, MeterRegistry meterRegistry) {
        return new WorkingDayCalendar(HolidayCsv.read(csv, "holiday table"), meterRegistry);
    }

    /** The years whose holidays and make-up days are known: exactly the years present in the data. */
    public Set<Integer> yearsWithData() {
        return yearsWithData;
    }

    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        checkCoverage(date, date);
        return isWorkingDayUnchecked(date);
    }

    /**
     * The deadline {@code workingDays} working days after {@code start}: {@link #CLOSE_OF_BUSINESS}
     * on the Nth working day after the start's local date. The start day never counts, whatever the
     * hour, so a request taken at 08:00 and one taken at 23:00 get the same deadline.
     *
     * @throws IllegalArgumentException if {@code workingDays} is not positive
     */
    public Instant addWorkingDays(Instant start, int workingDays) {
        Objects.requireNonNull(start, "start");
        if (workingDays <= 0) {
            throw new IllegalArgumentException("working days must be at least 1, was " + workingDays);
        }
        LocalDate firstCandidate = start.atZone(ZONE).toLocalDate().plusDays(1);
        LocalDate day = firstCandidate.minusDays(1);
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDayUnchecked(day)) {
                counted++;
            }
        }
        checkCoverage(firstCandidate, day);
        return day.atTime(CLOSE_OF_BUSINESS).atZone(ZONE).toInstant();
    }

    /**
     * Clock-time deadlines (1 h, 2 h, 24 h for emergencies and utilities) run 24×7: a burst water
     * main does not wait for the holiday to end.
     *
     * @throws IllegalArgumentException if {@code duration} is zero or negative
     */
    public Instant addClockTime(Instant start, Duration duration) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("clock time must be positive, was " + duration);
        }
        return start.plus(duration);
    }

    /**
     * The number of working days after {@code from} up to and including {@code to}, the same count
     * {@link #addWorkingDays} uses: the deadline's date is {@code n} working days after the start's
     * date. Negative when {@code to} is before {@code from}; zero on the same day.
     */
    public long workingDaysBetween(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        if (to.equals(from)) {
            return 0;
        }
        long count = from.plusDays(1).datesUntil(to.plusDays(1)).filter(this::isWorkingDayUnchecked).count();
        checkCoverage(from.plusDays(1), to);
        return count;
    }

    private boolean isWorkingDayUnchecked(LocalDate date) {
        DayKind exception = exceptions.get(date);
        if (exception != null) {
            return exception == DayKind.WORKDAY;
        }
        return !HolidayCsv.isWeekend(date);
    }

    /** Counts every computation that touched an unknown year; warns once per year to keep logs readable. */
    private void checkCoverage(LocalDate first, LocalDate last) {
        for (int year = first.getYear(); year <= last.getYear(); year++) {
            if (yearsWithData.contains(year)) {
                continue;
            }
            Counter.builder(MISSING_YEAR_METRIC)
                    .description("Working-day computations that fell in a year without public-holiday data")
                    .tag("year", Integer.toString(year))
                    .register(meterRegistry)
                    .increment();
            if (yearsWarned.add(year)) {
                log.warn("no public-holiday data for {}: counting Mon–Fri only; "
                        + "add the State Council notice to {}", year, HOLIDAY_DATA);
            }
        }
    }
}
