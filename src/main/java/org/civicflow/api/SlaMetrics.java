package org.civicflow.api;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseStatus;
import org.civicflow.identity.OfficeDirectory;
import org.civicflow.sla.DeadlineCalculator;
import org.civicflow.sla.SlaClass;
import org.civicflow.sla.SlaStage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The "three rates" (三率) per office from the case record, for cases submitted in a period:
 * <ul>
 * <li>response rate: orders dispatched to the office that it signed for within the sign-for limit, of those decided
 *     (signed for, returned, or past the limit);</li>
 * <li>resolution rate: of the cases the office replied to, those with outcome {@code resolved};</li>
 * <li>satisfaction rate: of the cases called back, those {@code satisfied} or {@code basically} satisfied.</li>
 * </ul>
 * The office of a reply and a call-back is the office that handled the case (its last sign-for). Handling deadline
 * figures count replies within and after the handling limit and the cases in progress that are already overdue.
 */
@Component
class SlaMetrics {

    private final JdbcClient jdbc;
    private final DeadlineCalculator deadlines;
    private final OfficeDirectory offices;
    private final Clock clock;

    SlaMetrics(DataSource dataSource, DeadlineCalculator deadlines, OfficeDirectory offices, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.deadlines = deadlines;
        this.offices = offices;
        this.clock = clock;
    }

    @Schema(name = "SlaReport")
    record Report(OffsetDateTime from, OffsetDateTime to, long cases, List<OfficeFigures> offices) {
    }

    @Schema(name = "OfficeSlaFigures")
    record OfficeFigures(String office, String officeName, int dispatched, int signedForInTime, int signedForLate,
                         int returned, int awaitingSignFor, Double responseRate, int replied, int resolved,
                         Double resolutionRate, int calledBack, int satisfied, Double satisfactionRate,
                         int handledInTime, int handledLate, int overdueInProgress) {
    }

    private static final class Tally {
        int dispatched, signedInTime, signedLate, returned, awaiting, replied, resolved, calledBack, satisfied,
                handledInTime, handledLate, overdue;
    }

    private record Event(String businessKey, OffsetDateTime at, CaseStatus to, String office) {
    }

    Report report(String office, OffsetDateTime from, OffsetDateTime to) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<CaseRecord> cases = jdbc.sql("SELECT * FROM cf_case WHERE created_at >= :from AND created_at < :to")
                .param("from", from).param("to", to).query(CaseQueries.CASE_ROW).list();
        Map<String, List<Event>> events = new HashMap<>();
        jdbc.sql("""
                SELECT e.business_key, e.occurred_at, e.to_status, e.office_group FROM cf_case_event e
                JOIN cf_case c ON c.business_key = e.business_key
                WHERE c.created_at >= :from AND c.created_at < :to AND e.to_status IS NOT NULL ORDER BY e.id
                """)
                .param("from", from).param("to", to)
                .query((rs, n) -> new Event(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        CaseStatus.valueOf(rs.getString(3)), rs.getString(4)))
                .list()
                .forEach(e -> events.computeIfAbsent(e.businessKey(), k -> new ArrayList<>()).add(e));

        Map<String, Tally> byOffice = new TreeMap<>();
        for (CaseRecord c : cases) {
            List<Event> timeline = events.getOrDefault(c.businessKey(), List.of());
            String handler = null;
            OffsetDateTime handlingStart = null;
            OffsetDateTime repliedAt = null;
            for (int i = 0; i < timeline.size(); i++) {
                Event e = timeline.get(i);
                if (e.to() == CaseStatus.DISPATCHED && e.office() != null) {
                    Tally t = byOffice.computeIfAbsent(e.office(), k -> new Tally());
                    t.dispatched++;
                    OffsetDateTime due = deadlines.due(e.at().toInstant(), SlaStage.SIGN_FOR, null)
                            .atZone(e.at().getOffset()).toOffsetDateTime();
                    Event next = next(timeline, i);
                    if (next == null || next.to() == CaseStatus.DISPATCHED && !next.office().equals(e.office())) {
                        if (next == null && now.isAfter(due)) {
                            t.signedLate++;
                        } else if (next == null) {
                            t.awaiting++;
                        }
                    } else if (next.to() == CaseStatus.IN_PROGRESS || next.to() == CaseStatus.REOPENED) {
                        if (next.at().isAfter(due)) {
                            t.signedLate++;
                        } else {
                            t.signedInTime++;
                        }
                    } else {
                        t.returned++;
                    }
                }
                if ((e.to() == CaseStatus.IN_PROGRESS || e.to() == CaseStatus.REOPENED) && e.office() != null) {
                    handler = e.office();
                    if (handlingStart == null) {
                        handlingStart = e.at();
                    }
                }
                if (e.to() == CaseStatus.REPLIED && repliedAt == null) {
                    repliedAt = e.at();
                }
            }
            if (handler == null) {
                continue;
            }
            Tally t = byOffice.computeIfAbsent(handler, k -> new Tally());
            OffsetDateTime handlingDue = c.slaClass() == null ? null
                    : deadlines.due(handlingStart.toInstant(), SlaStage.HANDLING, SlaClass.fromCode(c.slaClass()))
                    .atZone(handlingStart.getOffset()).toOffsetDateTime();
            if (repliedAt != null) {
                t.replied++;
                if ("resolved".equals(c.outcome())) {
                    t.resolved++;
                }
                if (handlingDue != null) {
                    if (repliedAt.isAfter(handlingDue)) {
                        t.handledLate++;
                    } else {
                        t.handledInTime++;
                    }
                }
            } else if (handlingDue != null && now.isAfter(handlingDue)) {
                t.overdue++;
            }
            if (c.satisfaction() != null) {
                t.calledBack++;
                if ("satisfied".equals(c.satisfaction()) || "basically".equals(c.satisfaction())) {
                    t.satisfied++;
                }
            }
        }
        List<OfficeFigures> figures = new ArrayList<>();
        byOffice.forEach((group, t) -> {
            if (office == null || office.equals(group)) {
                figures.add(new OfficeFigures(group, offices.nameOf(group), t.dispatched, t.signedInTime, t.signedLate,
                        t.returned, t.awaiting, rate(t.signedInTime, t.signedInTime + t.signedLate + t.returned),
                        t.replied, t.resolved, rate(t.resolved, t.replied), t.calledBack, t.satisfied,
                        rate(t.satisfied, t.calledBack), t.handledInTime, t.handledLate, t.overdue));
            }
        });
        return new Report(from, to, cases.size(), figures);
    }

    private static Event next(List<Event> timeline, int i) {
        for (int j = i + 1; j < timeline.size(); j++) {
            if (timeline.get(j).to() != timeline.get(i).to() || !java.util.Objects.equals(timeline.get(j).office(), timeline.get(i).office())) {
                return timeline.get(j);
            }
        }
        return null;
    }

    /** A fraction 0..1 rounded to 4 places; null when there is nothing to count. */
    private static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
