package org.civicflow.sla;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the State Council holiday table ({@code date,kind,name}). Any malformed row fails loudly:
 * a silently skipped row would shift every deadline around that date.
 */
final class HolidayCsv {

    /** How a listed date departs from the plain Mon–Fri week. */
    enum DayKind {
        /** A day off, usually a weekday. */
        HOLIDAY,
        /** A Saturday or Sunday worked in exchange for a bridged holiday (调休上班). */
        WORKDAY
    }

    private static final String HEADER = "date,kind,name";

    private HolidayCsv() {
    }

    static Map<LocalDate, DayKind> read(InputStream csv, String source) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            return parse(reader, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    static Map<LocalDate, DayKind> readClasspath(String path) {
        InputStream csv = HolidayCsv.class.getClassLoader().getResourceAsStream(path);
        if (csv == null) {
            throw new IllegalStateException("holiday data not found on the classpath: " + path);
        }
        return read(csv, path);
    }

    private static Map<LocalDate, DayKind> parse(BufferedReader reader, String source) throws IOException {
        String header = reader.readLine();
        if (header == null || !stripBom(header).trim().equals(HEADER)) {
            throw new IllegalStateException(source + ": expected the header '" + HEADER + "', found '" + header + "'");
        }
        Map<LocalDate, DayKind> days = new TreeMap<>();
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + lineNumber + ": ";
            String[] fields = line.split(",", 3);
            if (fields.length < 2) {
                throw new IllegalStateException(where + "expected date,kind,name but found '" + line + "'");
            }
            LocalDate date = parseDate(fields[0].trim(), where);
            DayKind kind = parseKind(fields[1].trim(), where);
            if (kind == DayKind.WORKDAY && !isWeekend(date)) {
                throw new IllegalStateException(where + date + " is a " + date.getDayOfWeek()
                        + "; a make-up working day is always a Saturday or Sunday");
            }
            if (days.putIfAbsent(date, kind) != null) {
                throw new IllegalStateException(where + date + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(days);
    }

    private static LocalDate parseDate(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + "'" + text + "' is not an ISO date (yyyy-MM-dd)", e);
        }
    }

    private static DayKind parseKind(String text, String where) {
        return switch (text) {
            case "holiday" -> DayKind.HOLIDAY;
            case "workday" -> DayKind.WORKDAY;
            default -> throw new IllegalStateException(where + "kind '" + text + "' is neither holiday nor workday");
        };
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
