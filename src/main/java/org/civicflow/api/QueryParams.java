package org.civicflow.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.civicflow.cases.CaseService;
import org.civicflow.intake.FieldProblem;

/** Parsing of query parameters shared by the endpoints, collecting problems instead of throwing at the first. */
final class QueryParams {

    private QueryParams() {
    }

    /**
     * An ISO 8601 date-time with offset ({@code 2026-03-01T08:00:00+08:00}) or a date, read as the start of that day
     * in Beijing time ({@code endOfDay}: the start of the next day, for an exclusive upper bound).
     */
    static OffsetDateTime dateTime(String name, String value, boolean endOfDay, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(value.strip());
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(CaseService.ZONE).toOffsetDateTime();
            } catch (DateTimeParseException notDate) {
                problems.add(new FieldProblem(name, "'" + value + "' is neither an ISO 8601 date (2026-03-01) nor a "
                        + "date-time with offset (2026-03-01T08:00:00+08:00)"));
                return null;
            }
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
