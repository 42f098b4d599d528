package org.civicflow.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CasePhase;
import org.civicflow.cases.CaseTransitioned;
import org.civicflow.rules.RulesEvaluated;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * civicflow's own metrics for {@code /actuator/prometheus} (next to {@code civicflow.sla.deadline.met/breached},
 * Camunda's and the JVM's):
 * <ul>
 * <li>{@code civicflow.cases.submitted}, {@code civicflow.cases.transitions{to}}, {@code civicflow.cases.escalated}
 *     (a deadline breach sent the case to a supervisor) — counters from the case events;</li>
 * <li>{@code civicflow.cases.open{phase}}, {@code civicflow.cases.overdue}, {@code civicflow.cases.escalated.open} —
 *     gauges from the case tables, read at most every {@link #GAUGE_CACHE};</li>
 * <li>{@code civicflow.rules.evaluations{area}}, {@code civicflow.rules.fired{area}} — each rule evaluation;</li>
 * <li>{@code civicflow.mail.sent}, {@code civicflow.mail.failed} — mail steps, from the case events;</li>
 * <li>{@code civicflow.alerts.received{status}} — {@code POST /api/v1/alerts} by HTTP status ({@link AlertMetricsFilter}).</li>
 * </ul>
 */
@Component
public class CivicflowMetrics {

    static final Duration GAUGE_CACHE = Duration.ofSeconds(15);

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Counter submitted;
    private final Counter escalated;
    private final Counter mailSent;
    private final Counter mailFailed;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant at, Map<CasePhase, Long> open, long overdue, long escalatedOpen) {
    }

    CivicflowMetrics(MeterRegistry registry, DataSource dataSource, Clock clock) {
        this.registry = registry;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.submitted = Counter.builder("civicflow.cases.submitted").description("Cases received").register(registry);
        this.escalated = Counter.builder("civicflow.cases.escalated")
                .description("Deadline breaches that sent a case to the supervisor above").register(registry);
        this.mailSent = Counter.builder("civicflow.mail.sent").description("Mails sent (or logged)").register(registry);
        this.mailFailed = Counter.builder("civicflow.mail.failed").description("Failed attempts to send a mail")
                .register(registry);
        for (CasePhase phase : new CasePhase[] {CasePhase.OPEN, CasePhase.IN_PROGRESS}) {
            Gauge.builder("civicflow.cases.open", this, m -> m.current().open().getOrDefault(phase, 0L))
                    .description("Cases not yet replied to, by phase").tag("phase", phase.name()).register(registry);
        }
        Gauge.builder("civicflow.cases.overdue", this, m -> m.current().overdue())
                .description("Open cases past their handling deadline without a reply").register(registry);
        Gauge.builder("civicflow.cases.escalated.open", this, m -> m.current().escalatedOpen())
                .description("Open cases that were escalated to a supervisor").register(registry);
    }

    @EventListener
    void onCaseEvent(CaseTransitioned transitioned) {
        CaseEvent e = transitioned.event();
        switch (e.type()) {
            case SUBMITTED -> submitted.increment();
            case DEADLINE_BREACHED -> escalated.increment();
            case MAIL_SENT -> mailSent.increment();
            case MAIL_FAILED -> mailFailed.increment();
            default -> {
            }
        }
        if (e.toStatus() != null && (e.fromStatus() != e.toStatus() || e.type() == CaseEventType.STATUS_CHANGED)) {
            registry.counter("civicflow.cases.transitions", "to", e.toStatus().name()).increment();
        }
    }

    @EventListener
    void onRules(RulesEvaluated evaluated) {
        String area = evaluated.outcome().area();
        registry.counter("civicflow.rules.evaluations", "area", area).increment();
        registry.counter("civicflow.rules.fired", "area", area).increment(evaluated.outcome().firedRules().size());
    }

    void alertReceived(int status) {
        registry.counter("civicflow.alerts.received", "status", String.valueOf(status)).increment();
    }

    double mailsSent() {
        return mailSent.count();
    }

    double mailsFailed() {
        return mailFailed.count();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && s.at().plus(GAUGE_CACHE).isAfter(now)) {
            return s;
        }
        Map<CasePhase, Long> open = new ConcurrentHashMap<>();
        jdbc.sql("SELECT phase, COUNT(*) FROM cf_case WHERE phase IN ('OPEN', 'IN_PROGRESS') GROUP BY phase")
                .query((rs, n) -> open.put(CasePhase.valueOf(rs.getString(1)), rs.getLong(2))).list();
        OffsetDateTime at = now.atOffset(java.time.ZoneOffset.UTC);
        long[] figures = jdbc.sql("""
                SELECT SUM(CASE WHEN replied_at IS NULL AND handling_due_at < :now THEN 1 ELSE 0 END),
                       SUM(CASE WHEN breaches > 0 THEN 1 ELSE 0 END)
                FROM cf_case_figures WHERE is_open = TRUE""").param("now", at)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        s = new Snapshot(now, open, figures[0], figures[1]);
        snapshot = s;
        return s;
    }
}
