package org.civicflow.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time limit: either a number of working days ({@code 3wd}) or clock time as an ISO-8601
 * duration ({@code PT24H}). Exactly one of the two components is set: {@code workingDays} is 0
 * for clock time and {@code clockTime} is null for working days.
 */
public record DeadlineSpec(int workingDays, Duration clockTime) {

    private static final Pattern WORKING_DAYS = Pattern.compile("(\\d{1,4})wd", Pattern.CASE_INSENSITIVE);

    public DeadlineSpec {
        boolean isWorkingDays = workingDays > 0 && clockTime == null;
        boolean isClockTime = workingDays == 0 && clockTime != null && !clockTime.isZero() && !clockTime.isNegative();
        if (!isWorkingDays && !isClockTime) {
            throw new IllegalArgumentException("a deadline is either at least 1 working day or a positive "
                    + "clock duration, not workingDays=" + workingDays + ", clockTime=" + clockTime);
        }
    }

    public static DeadlineSpec ofWorkingDays(int workingDays) {
        return new DeadlineSpec(workingDays, null);
    }

    public static DeadlineSpec ofClockTime(Duration clockTime) {
        return new DeadlineSpec(0, clockTime);
    }

    /**
     * Reads {@code Nwd} (N working days) or an ISO-8601 duration such as {@code PT2H} or {@code PT24H}.
     *
     * @throws IllegalArgumentException quoting the spec and the accepted forms
     */
    public static DeadlineSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw invalid(spec, "it is empty");
        }
        String text = spec.trim();
        OptionalInt workingDays = workingDaysIn(text);
        if (workingDays.isPresent()) {
            if (workingDays.getAsInt() == 0) {
                throw invalid(spec, "it must be at least 1 working day");
            }
            return ofWorkingDays(workingDays.getAsInt());
        }
        Duration clockTime;
        try {
            clockTime = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(spec, "it is neither Nwd nor an ISO-8601 duration");
        }
        if (clockTime.isZero() || clockTime.isNegative()) {
            throw invalid(spec, "it must be a positive duration");
        }
        return ofClockTime(clockTime);
    }

    /** The N of an {@code Nwd} spec, if {@code text} is one; lets the engine calendar recognise its own syntax. */
    static OptionalInt workingDaysIn(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Matcher matcher = WORKING_DAYS.matcher(text.trim());
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    public boolean isWorkingDays() {
        return clockTime == null;
    }

    /** The spec as written in configuration, so that {@code parse(spec.toString())} gives it back. */
    @Override
    public String toString() {
        return isWorkingDays() ? workingDays + "wd" : clockTime.toString();
    }

    private static IllegalArgumentException invalid(String spec, String reason) {
        return new IllegalArgumentException("'" + spec + "' is not a deadline: " + reason
                + "; write Nwd for N working days (e.g. 3wd) or an ISO-8601 duration for clock time (e.g. PT24H)");
    }
}
