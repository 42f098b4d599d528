package org.civicflow.dashboard;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CasePhase;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.cases.CaseTransitioned;
import org.civicflow.config.TransactionScoped;
import org.civicflow.sla.DeadlineCalculator;
import org.civicflow.sla.SlaClass;
import org.civicflow.sla.SlaStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps {@code cf_case_figures} (V6) up to date: one narrow row per case with what the dashboard counts, changed in the
 * transaction of its case events, so the map's figures are one aggregate over an indexed table.
 *
 * <p>The definitions follow {@code /api/v1/metrics/sla} per case: the response is in time when the first sign-for
 * came by the sign-for deadline of the latest dispatch and nobody returned the order before; the handling deadline
 * runs from the first sign-for by the SLA class; a case is overdue while it is open, not replied and past that
 * deadline; resolved and satisfied come from the outcome and call-back recorded on the case. Extensions and pauses
 * for the citizen do not move the deadline here (as in the SLA metrics).
 */
@Component
class CaseFigures {

    private static final Logger log = LoggerFactory.getLogger(CaseFigures.class);

    private final JdbcClient jdbc;
    private final CaseService cases;
    private final DeadlineCalculator deadlines;

    CaseFigures(DataSource dataSource, CaseService cases, DeadlineCalculator deadlines) {
        this.jdbc = JdbcClient.create(dataSource);
        this.cases = cases;
        this.deadlines = deadlines;
    }

    /**
     * Takes a case event into the case's row. In a transaction the events are gathered and applied once, just before
     * it commits: an intake records three or four events, and each would read the case and the row and write the row.
     */
    @EventListener
    void onCaseEvent(CaseTransitioned transitioned) {
        CaseEvent event = transitioned.event();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            update(event.businessKey(), List.of(event));
            return;
        }
        PendingEvents pending = TransactionScoped.synchronization(PendingEvents.class, p -> p.figures == this,
                () -> new PendingEvents(this));
        pending.add(event);
    }

    private void update(String businessKey, List<CaseEvent> events) {
        cases.find(businessKey).ifPresent(c -> {
            Row row = load(c.businessKey()).orElse(null);
            boolean fresh = row == null;
            if (fresh) {
                row = new Row(c.createdAt());
            }
            List<Object> before = row.values();
            for (CaseEvent event : events) {
                apply(row, c, event);
            }
            if (fresh || !row.values().equals(before)) { // most events (mails, notes) change no figure: no write
                save(c.businessKey(), row, fresh);
            }
        });
    }

    /**
     * One transaction's case events by case, in the order they happened; applied in its {@code beforeCommit}, so they
     * commit or roll back with it. Registered as a synchronization of the transaction (not bound as a resource), so a
     * transaction suspended by a {@code REQUIRES_NEW} one keeps its own.
     */
    private static final class PendingEvents implements TransactionSynchronization {

        private final CaseFigures figures;
        private final Map<String, List<CaseEvent>> events = new LinkedHashMap<>();
        private boolean applied;

        PendingEvents(CaseFigures figures) {
            this.figures = figures;
        }

        void add(CaseEvent event) {
            if (applied) { // recorded by a synchronization that runs after this one's beforeCommit
                figures.update(event.businessKey(), List.of(event));
            } else {
                events.computeIfAbsent(event.businessKey(), k -> new ArrayList<>()).add(event);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            applied = true;
            events.forEach(figures::update);
            events.clear();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE; // early, so that late events are rare
        }
    }

    /** Rows for cases recorded before the table existed (or restored from a backup), rebuilt from their timelines. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildMissing() {
        int rebuilt = 0;
        while (true) {
            List<String> missing = jdbc.sql("""
                    SELECT c.business_key FROM cf_case c WHERE NOT EXISTS
                    (SELECT 1 FROM cf_case_figures f WHERE f.business_key = c.business_key) ORDER BY c.business_key
                    FETCH FIRST 500 ROWS ONLY""").query(String.class).list();
            if (missing.isEmpty()) {
                break;
            }
            for (String key : missing) {
                CaseRecord c = cases.find(key).orElseThrow();
                Row row = new Row(c.createdAt());
                for (CaseEvent event : cases.timeline(key)) {
                    apply(row, c, event);
                }
                save(key, row, true);
                rebuilt++;
            }
        }
        if (rebuilt > 0) {
            log.info("Dashboard figures rebuilt for {} case(s) from their timelines", rebuilt);
        }
    }

    void apply(Row row, CaseRecord c, CaseEvent e) {
        row.districtCode = c.districtCode();
        row.officeGroup = c.officeGroup();
        row.open = c.phase() == CasePhase.OPEN || c.phase() == CasePhase.IN_PROGRESS;
        row.resolved = c.outcome() == null ? null : "resolved".equals(c.outcome());
        row.satisfied = c.satisfaction() == null ? null
                : "satisfied".equals(c.satisfaction()) || "basically".equals(c.satisfaction());
        if (e.type() == CaseEventType.DEADLINE_BREACHED) {
            row.breaches++;
        }
        CaseStatus to = e.toStatus();
        boolean moved = to != null && (e.fromStatus() != to || e.type() == CaseEventType.STATUS_CHANGED);
        if (!moved) {
            return;
        }
        OffsetDateTime at = e.occurredAt();
        switch (to) {
            case DISPATCHED -> {
                if (row.signedAt == null) {
                    row.signForDueAt = at(deadlines.due(at.toInstant(), SlaStage.SIGN_FOR, null), at);
                }
            }
            case RETURNED, AWAITING_RULING -> {
                if (row.signedAt == null && row.respondedInTime == null) {
                    row.respondedInTime = false;
                }
            }
            case IN_PROGRESS, REOPENED -> {
                if (row.signedAt == null) {
                    row.signedAt = at;
                    if (row.respondedInTime == null) {
                        row.respondedInTime = row.signForDueAt == null || !at.isAfter(row.signForDueAt);
                    }
                    SlaClass slaClass = c.slaClass() == null ? null : SlaClass.fromCode(c.slaClass());
                    if (slaClass != null) {
                        row.handlingDueAt = at(deadlines.due(at.toInstant(), SlaStage.HANDLING, slaClass), at);
                    }
                }
            }
            case REPLIED -> {
                if (row.repliedAt == null) {
                    row.repliedAt = at;
                }
            }
            default -> {
            }
        }
    }

    private static OffsetDateTime at(java.time.Instant instant, OffsetDateTime like) {
        return instant.atZone(like.getOffset()).toOffsetDateTime();
    }

    private Optional<Row> load(String businessKey) {
        return jdbc.sql("SELECT * FROM cf_case_figures WHERE business_key = :key").param("key", businessKey)
                .query((rs, n) -> {
                    Row r = new Row(rs.getObject("created_at", OffsetDateTime.class));
                    r.signForDueAt = rs.getObject("sign_for_due_at", OffsetDateTime.class);
                    r.signedAt = rs.getObject("signed_at", OffsetDateTime.class);
                    r.respondedInTime = (Boolean) rs.getObject("responded_in_time");
                    r.handlingDueAt = rs.getObject("handling_due_at", OffsetDateTime.class);
                    r.repliedAt = rs.getObject("replied_at", OffsetDateTime.class);
                    r.breaches = rs.getInt("breaches");
                    return r;
                }).optional();
    }

    private void save(String businessKey, Row r, boolean insert) {
        String sql = insert ? """
                INSERT INTO cf_case_figures (business_key, district_code, office_group, created_at, is_open,
                  sign_for_due_at, signed_at, responded_in_time, handling_due_at, replied_at, resolved, satisfied, breaches)
                VALUES (:key, :district, :office, :created, :open, :signForDue, :signed, :inTime, :handlingDue, :replied,
                  :resolved, :satisfied, :breaches)""" : """
                UPDATE cf_case_figures SET district_code = :district, office_group = :office, created_at = :created,
                  is_open = :open, sign_for_due_at = :signForDue, signed_at = :signed, responded_in_time = :inTime,
                  handling_due_at = :handlingDue, replied_at = :replied, resolved = :resolved, satisfied = :satisfied,
                  breaches = :breaches WHERE business_key = :key""";
        jdbc.sql(sql).param("key", businessKey).param("district", r.districtCode).param("office", r.officeGroup)
                .param("created", r.createdAt).param("open", r.open).param("signForDue", r.signForDueAt)
                .param("signed", r.signedAt).param("inTime", r.respondedInTime).param("handlingDue", r.handlingDueAt)
                .param("replied", r.repliedAt).param("resolved", r.resolved).param("satisfied", r.satisfied)
                .param("breaches", r.breaches).update();
    }

    static final class Row {
        final OffsetDateTime createdAt;
        String districtCode;
        String officeGroup;
        boolean open = true;
        OffsetDateTime signForDueAt;
        OffsetDateTime signedAt;
        Boolean respondedInTime;
        OffsetDateTime handlingDueAt;
        OffsetDateTime repliedAt;
        Boolean resolved;
        Boolean satisfied;
        int breaches;

        Row(OffsetDateTime createdAt) {
            this.createdAt = createdAt;
        }

        List<Object> values() {
            return Arrays.asList(districtCode, officeGroup, open, signForDueAt, signedAt, respondedInTime, handlingDueAt,
                    repliedAt, resolved, satisfied, breaches);
        }
    }
}
