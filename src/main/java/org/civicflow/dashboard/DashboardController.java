package org.civicflow.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.civicflow.cases.CaseStatus;
import org.civicflow.escalation.ActiveWarning;
import org.civicflow.identity.OfficeDirectory;
import org.civicflow.jurisdiction.District;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The data of the supervisors' map in Cockpit ({@code /camunda/app/cockpit/scripts/civicflow-dashboard.js}): the
 * districts the viewer may see with their shapes and figures, and a district's escalated and overdue cases.
 * Authorised by the Cockpit session ({@link DashboardAccess}), not by the API-client filter.
 */
@RestController
@RequestMapping(path = "/api/v1/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Dashboard")
class DashboardController {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int CASE_LIMIT = 200;

    private final DashboardAccess access;
    private final DashboardQueries queries;
    private final DistrictShapes shapes;
    private final Divisions divisions;
    private final OfficeDirectory offices;
    private final ObjectProvider<WarningFeed> warnings;
    private final Clock clock;

    DashboardController(DashboardAccess access, DashboardQueries queries, DistrictShapes shapes, Divisions divisions,
                        OfficeDirectory offices, ObjectProvider<WarningFeed> warnings, Clock clock) {
        this.access = access;
        this.queries = queries;
        this.shapes = shapes;
        this.divisions = divisions;
        this.offices = offices;
        this.warnings = warnings;
        this.clock = clock;
    }

    record Warning(String kind, String kindName, String colour, String colourName, String divisionCode, String source,
                   OffsetDateTime expires) {
    }

    record DistrictView(String code, String name, String nameEn, String path, double labelX, double labelY,
                        long openCases, long overdue, long escalated, long cases, long respondedInTime,
                        long responseDecided, Double responseRate, long replied, long resolved, Double resolutionRate,
                        long calledBack, long satisfied, Double satisfactionRate, List<Warning> warnings) {
    }

    record Totals(long openCases, long overdue, long escalated, long cases, Double responseRate, Double resolutionRate,
                  Double satisfactionRate) {
    }

    record Dashboard(String user, String scope, LocalDate from, LocalDate to, OffsetDateTime asOf, String viewBox,
                     boolean warningsAvailable, Totals totals, List<DistrictView> districts) {
    }

    record CaseItem(String businessKey, String category, String status, String statusLabel, String office,
                    String officeName, OffsetDateTime createdAt, OffsetDateTime handlingDueAt, boolean overdue,
                    int breaches, String processInstanceId, String cockpitUrl, String auditUrl) {
    }

    record DistrictCases(String code, String name, OffsetDateTime asOf, int limit, List<CaseItem> cases) {
    }

    @GetMapping("/districts")
    @Operation(summary = "The viewer's districts: SVG shapes, open/overdue/escalated cases now, the three rates for "
            + "cases submitted in the period [from, to] (dates, Beijing time; default the last 30 days), warnings")
    Dashboard districts(HttpServletRequest request, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to) {
        DashboardAccess.Viewer viewer = access.viewer(request);
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZONE)).truncatedTo(ChronoUnit.MICROS);
        LocalDate toDate = date("to", to, now.toLocalDate());
        LocalDate fromDate = date("from", from, toDate.minusDays(29));
        if (fromDate.isAfter(toDate) || fromDate.plusDays(366).isBefore(toDate)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be on or before to, at most 366 days apart");
        }
        java.util.Set<String> only = viewer.city() ? null : viewer.districts();
        Map<String, DashboardQueries.Current> current = queries.current(now, only);
        Map<String, DashboardQueries.Period> period = queries.period(fromDate.atStartOfDay(ZONE).toOffsetDateTime(),
                toDate.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime(), now, only);
        WarningFeed feed = warnings.getIfAvailable();
        List<ActiveWarning> active = feed == null ? List.of() : feed.activeAt(now.toInstant());

        List<DistrictView> views = new ArrayList<>();
        List<DistrictShapes.Shape> seen = new ArrayList<>();
        long open = 0, overdue = 0, escalated = 0, cases = 0, inTime = 0, decided = 0, replied = 0, resolved = 0,
                calledBack = 0, satisfied = 0;
        for (District d : divisions.districts()) {
            DistrictShapes.Shape shape = shapes.shape(d.code());
            if (!viewer.sees(d.code()) || shape == null) {
                continue;
            }
            seen.add(shape);
            DashboardQueries.Current c = current.getOrDefault(d.code(), new DashboardQueries.Current(0, 0, 0));
            DashboardQueries.Period p = period.getOrDefault(d.code(), new DashboardQueries.Period(0, 0, 0, 0, 0, 0, 0));
            views.add(new DistrictView(d.code(), d.name(), d.nameEn(), shape.path(), shape.labelX(), shape.labelY(),
                    c.open(), c.overdue(), c.escalated(), p.cases(), p.respondedInTime(), p.responseDecided(),
                    rate(p.respondedInTime(), p.responseDecided()), p.replied(), p.resolved(),
                    rate(p.resolved(), p.replied()), p.calledBack(), p.satisfied(), rate(p.satisfied(), p.calledBack()),
                    warningsOf(d.code(), active)));
            open += c.open();
            overdue += c.overdue();
            escalated += c.escalated();
            cases += p.cases();
            inTime += p.respondedInTime();
            decided += p.responseDecided();
            replied += p.replied();
            resolved += p.resolved();
            calledBack += p.calledBack();
            satisfied += p.satisfied();
        }
        return new Dashboard(viewer.userId(), viewer.city() ? "city" : "district", fromDate, toDate, now,
                DistrictShapes.viewBox(seen), feed != null,
                new Totals(open, overdue, escalated, cases, rate(inTime, decided), rate(resolved, replied),
                        rate(satisfied, calledBack)),
                views);
    }

    @GetMapping("/districts/{code}/cases")
    @Operation(summary = "A district's open cases that are overdue or were escalated to a supervisor (at most 200), "
            + "with links to their process instances in Cockpit and to their audit trails")
    DistrictCases cases(HttpServletRequest request, @PathVariable String code) {
        DashboardAccess.Viewer viewer = access.viewer(request);
        District district = divisions.district(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No district " + code));
        if (!viewer.sees(code)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Not a district of your office");
        }
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZONE)).truncatedTo(ChronoUnit.MICROS);
        List<CaseItem> items = queries.escalatedOrOverdue(code, now, CASE_LIMIT).stream().map(r -> new CaseItem(
                r.businessKey(), r.category(), r.status(), label(r.status()), r.officeGroup(),
                r.officeGroup() == null ? null : offices.nameOf(r.officeGroup()), r.createdAt(), r.handlingDueAt(),
                r.overdue(), r.breaches(), r.processInstanceId(),
                r.processInstanceId() == null ? null
                        : "/camunda/app/cockpit/default/#/process-instance/" + r.processInstanceId() + "/runtime",
                "/api/v1/cases/" + r.businessKey() + "/audit")).toList();
        return new DistrictCases(code, district.name(), now, CASE_LIMIT, items);
    }

    private List<Warning> warningsOf(String districtCode, Collection<ActiveWarning> active) {
        List<Warning> result = new ArrayList<>();
        List<ActiveWarning> severestFirst = new ArrayList<>(active);
        severestFirst.sort((a, b) -> b.colour().compareTo(a.colour()));
        for (ActiveWarning w : severestFirst) {
            String division = w.divisionCode();
            boolean applies = division.equals("500000") || division.startsWith(districtCode);
            if (applies) {
                result.add(new Warning(w.kind().name(), w.kind().chineseName(), w.colour().name(), w.colour().chineseName(),
                        division, w.source(), w.expires() == null ? null : w.expires().atZone(ZONE).toOffsetDateTime()));
            }
        }
        return result;
    }

    private static String label(String status) {
        try {
            return CaseStatus.valueOf(status).label();
        } catch (RuntimeException e) {
            return status;
        }
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.trim().length() > 10 ? value.trim().substring(0, 10) : value.trim());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " must be a date (yyyy-mm-dd)");
        }
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
