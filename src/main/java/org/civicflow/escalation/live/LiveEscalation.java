package org.civicflow.escalation.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.NearbyCase;
import org.civicflow.escalation.ActiveWarning;
import org.civicflow.escalation.EscalationDecision;
import org.civicflow.escalation.Evaluated;
import org.civicflow.escalation.GeoPoint;
import org.civicflow.escalation.RecentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalation on live cases: re-evaluates the open cases of divisions where a warning became active or was upgraded,
 * and evaluates each new case once it is routed (warnings in force over it and the hotspot check).
 *
 * <p>Each case that changes is escalated in its own transaction, so one failing case (e.g. a concurrent change of its
 * process) is logged and counted without undoing the others.
 */
@Component
public class LiveEscalation {

    /** The hotspot window (hotspot.drl counts requests within 7 days; the rule checks the exact bounds). */
    static final Duration HOTSPOT_WINDOW = Duration.ofDays(7);
    /** The hotspot distance (hotspot.drl: within 500 m; the rule checks the exact distance of what is read here). */
    static final double HOTSPOT_RADIUS_METRES = 500;
    /**
     * At most this many earlier requests nearby are given to the rules: three make a hotspot, and a spot reported
     * thousands of times a week must not make every new request read them all.
     */
    static final int HOTSPOT_NEIGHBOURS = 50;

    private static final Logger log = LoggerFactory.getLogger(LiveEscalation.class);

    private final CaseService cases;
    private final CaseEscalator escalator;
    private final CaseAttributes attributes;
    private final WarningRepository warnings;
    private final TransactionTemplate newTransaction;
    private final TransactionTemplate joinedTransaction;
    private final Clock clock;
    private final int threads;

    LiveEscalation(CaseService cases, CaseEscalator escalator, CaseAttributes attributes, WarningRepository warnings,
                   PlatformTransactionManager transactions, Clock clock,
                   @Value("${civicflow.escalation.threads:2}") int threads) {
        this.cases = cases;
        this.escalator = escalator;
        this.attributes = attributes;
        this.warnings = warnings;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joinedTransaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.threads = threads;
    }

    /** Counts of one re-evaluation. */
    public record Reevaluation(int reevaluated, int escalated, int incidentsOpened, int incidentsUpgraded, int failed) {
    }

    /** Re-evaluates every open case in the divisions against the warnings in force now, and escalates where the rules say so. */
    public Reevaluation reevaluate(Collection<String> divisionCodes, String trigger) {
        Instant at = clock.instant();
        Map<String, CaseRecord> open = new LinkedHashMap<>();
        for (String division : divisionCodes) {
            cases.openCasesIn(division).forEach(c -> open.putIfAbsent(c.businessKey(), c));
        }
        List<ActiveWarning> inForce = warnings.liveWarnings(at);
        Map<String, Map<String, String>> attributesByInstance = attributes.byProcessInstance(
                open.values().stream().map(CaseRecord::processInstanceId).toList());
        // Deciding is cheap and read-only; acting starts processes and writes, so it runs on a few threads, each case
        // in a transaction of its own.
        List<Runnable> actions = new ArrayList<>();
        AtomicInteger escalated = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger upgraded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (CaseRecord c : open.values()) {
            Evaluated<EscalationDecision> evaluated = escalator.evaluate(c,
                    attributesByInstance.getOrDefault(c.processInstanceId(), Map.of()), inForce, List.of(), at);
            if (!evaluated.decision().changesAnything()) {
                continue;
            }
            actions.add(() -> {
                try {
                    CaseEscalator.Outcome outcome = newTransaction.execute(status -> escalator.act(c, evaluated, trigger));
                    if (outcome.escalated()) {
                        escalated.incrementAndGet();
                    }
                    if (outcome.incidentOpened() != null) {
                        opened.incrementAndGet();
                    }
                    if (outcome.incidentUpdated() != null) {
                        upgraded.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    log.error("Escalating case {} ({}) failed: {}", c.businessKey(), trigger, e.toString(), e);
                }
            });
        }
        runAll(actions);
        log.info("{}: {} open cases in {} re-evaluated, {} escalated, {} incidents opened, {} upgraded, {} failed",
                trigger, open.size(), divisionCodes, escalated.get(), opened.get(), upgraded.get(), failed.get());
        return new Reevaluation(open.size(), escalated.get(), opened.get(), upgraded.get(), failed.get());
    }

    private void runAll(List<Runnable> actions) {
        if (threads <= 1 || actions.size() < 2) {
            actions.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, actions.size()));
        try {
            List<Future<?>> running = actions.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> action : running) {
                action.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Re-evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Re-evaluation failed", e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Evaluates a newly routed case with the attributes it was submitted with: the warnings in force over it and the
     * hotspot check; escalates where the rules say so. Joins the caller's transaction (intake's) when there is one.
     */
    public CaseEscalator.Outcome escalateNewCase(String businessKey, Map<String, String> submittedAttributes) {
        return joinedTransaction.execute(status -> {
            CaseRecord c = cases.find(businessKey).orElse(null);
            if (c == null || c.districtCode() == null) {
                return CaseEscalator.Outcome.NOTHING;
            }
            Instant at = clock.instant();
            List<RecentRequest> recent = new ArrayList<>();
            if (c.latitude() != null && c.longitude() != null && c.createdAt() != null) {
                for (NearbyCase other : cases.locatedCases(c.category(), c.districtCode(),
                        c.createdAt().minus(HOTSPOT_WINDOW), c.createdAt(), c.latitude(), c.longitude(),
                        HOTSPOT_RADIUS_METRES, HOTSPOT_NEIGHBOURS)) {
                    if (!other.businessKey().equals(businessKey)) {
                        recent.add(new RecentRequest(other.businessKey(), other.category(),
                                new GeoPoint(other.latitude(), other.longitude()), other.createdAt().toInstant(),
                                other.hotspotReportedBy(),
                                other.hotspotReportedAt() == null ? null : other.hotspotReportedAt().toInstant()));
                    }
                }
            }
            Evaluated<EscalationDecision> evaluated = escalator.evaluate(c, submittedAttributes,
                    warnings.liveWarnings(at), recent, at);
            return escalator.act(c, evaluated, "intake of " + businessKey);
        });
    }
}
