package org.civicflow.escalation.cap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.civicflow.escalation.ActiveWarning;
import org.civicflow.escalation.WarningColour;
import org.civicflow.escalation.WarningKind;

/**
 * What a CAP alert means as warnings in force: the mapping from a {@code Met} info block to a warning kind and colour,
 * and from its areas to division codes (our policy, documented here once).
 *
 * <p><b>Kind</b>, first that applies: the parameter {@code warningKind} ({@code RAINSTORM}/{@code HEAT} or
 * 暴雨/高温); else the event text containing 暴雨 or "rainstorm" → RAINSTORM, 高温 or "heat" → HEAT. Other Met events
 * (大风, 大雾...) are not warnings the rules act on.
 *
 * <p><b>Colour</b>, first that applies: the parameter {@code warningColour} ({@code BLUE}..{@code RED} or
 * 蓝色/黄色/橙色/红色); else the most severe colour named in the event text (e.g. 暴雨红色预警); else the CAP severity: Minor → blue,
 * Moderate → yellow, Severe → orange, Extreme → red (the CMA severity words, DOMAIN.md §3). Unknown severity and no
 * colour named: no warning.
 *
 * <p><b>Divisions</b>: by default the {@code geocode}s whose {@code valueName} is {@code divisionCode},
 * {@code GB/T 2260}, {@code GB2260}, {@code adcode} or {@code 行政区划代码} (case-insensitive) with a 6- or 9-digit
 * value. Resolving {@code areaDesc} names and polygons against the district boundaries needs the jurisdiction data;
 * callers pass such a resolver to {@link #activeWarnings(CapAlert, Function)}.
 */
public final class CapWarnings {

    private static final Set<String> DIVISION_GEOCODES = Set.of("divisioncode", "gb/t 2260", "gb2260", "adcode", "行政区划代码");
    private static final Pattern DIVISION_CODE = Pattern.compile("\\d{6}|\\d{9}");

    private CapWarnings() {
    }

    /** The warnings an Alert or Update puts in force, one per Met info and division, with the geocode divisions. */
    public static List<ActiveWarning> activeWarnings(CapAlert alert) {
        return activeWarnings(alert, CapWarnings::divisionCodes);
    }

    /**
     * The warnings an Alert or Update puts in force, one per Met info of a known kind and colour and per division the
     * resolver finds in its areas. A Cancel (or Ack, Error) puts none in force. The alert's status is not looked at:
     * Exercise and Test alerts map too, for the record; {@link CapAlert#changesLiveCases()} says whether to act.
     */
    public static List<ActiveWarning> activeWarnings(CapAlert alert, Function<CapArea, ? extends Collection<String>> divisions) {
        if (alert.msgType() != CapAlert.MsgType.ALERT && alert.msgType() != CapAlert.MsgType.UPDATE) {
            return List.of();
        }
        List<ActiveWarning> warnings = new ArrayList<>();
        for (CapInfo info : alert.infos()) {
            Optional<WarningKind> kind = warningKind(info);
            Optional<WarningColour> colour = warningColour(info);
            if (kind.isEmpty() || colour.isEmpty()) {
                continue;
            }
            OffsetDateTime start = info.onset() != null ? info.onset() : info.effective() != null ? info.effective() : alert.sent();
            Instant onset = start == null ? null : start.toInstant();
            Instant expires = info.expires() == null ? null : info.expires().toInstant();
            Set<String> codes = new LinkedHashSet<>();
            info.areas().forEach(area -> codes.addAll(divisions.apply(area)));
            codes.forEach(code -> warnings.add(new ActiveWarning(kind.get(), colour.get(), code, alert.identifier(), onset, expires)));
        }
        return List.copyOf(warnings);
    }

    public static Optional<WarningKind> warningKind(CapInfo info) {
        if (!info.hasCategory(CapInfo.Category.MET)) {
            return Optional.empty();
        }
        Optional<String> explicit = info.parameter("warningKind");
        if (explicit.isPresent()) {
            return kindNamed(explicit.get());
        }
        String event = info.event() == null ? "" : info.event().toLowerCase(Locale.ROOT);
        if (event.contains("暴雨") || mentions(event, "rainstorm")) {
            return Optional.of(WarningKind.RAINSTORM);
        }
        if (event.contains("高温") || mentions(event, "heat")) {
            return Optional.of(WarningKind.HEAT);
        }
        return Optional.empty();
    }

    public static Optional<WarningColour> warningColour(CapInfo info) {
        Optional<String> explicit = info.parameter("warningColour");
        if (explicit.isPresent()) {
            return colourNamed(explicit.get().strip());
        }
        String event = info.event() == null ? "" : info.event().toLowerCase(Locale.ROOT);
        WarningColour[] mostSevereFirst = WarningColour.values();
        Collections.reverse(Arrays.asList(mostSevereFirst));
        for (WarningColour colour : mostSevereFirst) {
            if (event.contains(colour.chineseName()) || mentions(event, colour.name().toLowerCase(Locale.ROOT) + "\\b")) {
                return Optional.of(colour);
            }
        }
        if (info.severity() == null) {
            return Optional.empty();
        }
        return switch (info.severity()) {
            case MINOR -> Optional.of(WarningColour.BLUE);
            case MODERATE -> Optional.of(WarningColour.YELLOW);
            case SEVERE -> Optional.of(WarningColour.ORANGE);
            case EXTREME -> Optional.of(WarningColour.RED);
            case UNKNOWN -> Optional.empty();
        };
    }

    /** The division codes an area names in its geocodes. */
    public static Set<String> divisionCodes(CapArea area) {
        Set<String> codes = new LinkedHashSet<>();
        for (CapValue geocode : area.geocodes()) {
            if (DIVISION_GEOCODES.contains(geocode.valueName().strip().toLowerCase(Locale.ROOT))
                    && DIVISION_CODE.matcher(geocode.value().strip()).matches()) {
                codes.add(geocode.value().strip());
            }
        }
        return codes;
    }

    /** True when a word of the text starts with the pattern: "heat" finds "heatwave"; "red\b" does not find "reduced". */
    private static boolean mentions(String lowerCaseText, String wordPattern) {
        return Pattern.compile("\\b" + wordPattern).matcher(lowerCaseText).find();
    }

    private static Optional<WarningKind> kindNamed(String name) {
        for (WarningKind kind : WarningKind.values()) {
            if (kind.name().equalsIgnoreCase(name.strip()) || kind.chineseName().equals(name.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static Optional<WarningColour> colourNamed(String name) {
        for (WarningColour colour : WarningColour.values()) {
            if (colour.name().equalsIgnoreCase(name) || colour.chineseName().equals(name)
                    || colour.chineseName().substring(0, 1).equals(name)) {
                return Optional.of(colour);
            }
        }
        return Optional.empty();
    }
}
