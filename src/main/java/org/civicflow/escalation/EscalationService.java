package org.civicflow.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.civicflow.rules.RuleBase;
import org.civicflow.rules.RuleOutcome;
import org.springframework.stereotype.Service;

/**
 * Runs the escalation rules ({@code rules/escalation/}): derives warning signals from readings, decides what active
 * warnings and hotspots mean for a request, and grades fires. Every method returns the decision with the
 * {@link RuleOutcome} (rule-set version and fired rules) so callers can record both on the case.
 *
 * <p>Deciding only: acting on a decision (changing a running case, starting {@code incidentResponse}) is the caller's.
 */
@Service
public class EscalationService {

    static final String AREA = "escalation";

    private final RuleBase ruleBase;

    public EscalationService(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    /** The rainstorm signal per division the readings reach (the highest colour wins); divisions reaching none are absent. */
    public Evaluated<List<WarningSignal>> deriveRainstormSignals(Collection<RainfallReading> readings) {
        SignalAssessment assessment = new SignalAssessment(WarningKind.RAINSTORM, null);
        RuleOutcome outcome = evaluate(assessment, readings);
        return new Evaluated<>(assessment.signals(), outcome);
    }

    /**
     * The heat signal per division on {@code asOf}: orange/red from that day's maximum (observed or forecast), yellow
     * from a run of 3 hot days that includes it (past days observed, coming days forecast).
     */
    public Evaluated<List<WarningSignal>> deriveHeatSignals(Collection<DailyMaximum> maxima, LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        SignalAssessment assessment = new SignalAssessment(WarningKind.HEAT, asOf);
        RuleOutcome outcome = evaluate(assessment, maxima);
        return new Evaluated<>(assessment.signals(), outcome);
    }

    /**
     * What the warnings in force at {@code at} and the recent requests nearby mean for one request: the full rule set
     * for a case in one evaluation. Warnings not yet in force or expired at {@code at} are left out, so an expired
     * warning stops escalating by itself.
     */
    public Evaluated<EscalationDecision> evaluateCase(CaseFacts request, Collection<ActiveWarning> warnings,
                                                      Collection<RecentRequest> recentRequests, Instant at) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(at, "at");
        EscalationDecision decision = new EscalationDecision(request.businessKey(), request.slaClass());
        List<Object> facts = new ArrayList<>();
        facts.add(request);
        facts.add(decision);
        warnings.stream().filter(w -> w.isActiveAt(at)).forEach(facts::add);
        facts.addAll(recentRequests);
        RuleOutcome outcome = ruleBase.evaluate(AREA, facts, request.businessKey());
        return new Evaluated<>(decision, outcome);
    }

    /** Warnings only, e.g. when a warning becomes active and the open cases of a district are re-evaluated. */
    public Evaluated<EscalationDecision> evaluateCase(CaseFacts request, Collection<ActiveWarning> warnings, Instant at) {
        return evaluateCase(request, warnings, List.of(), at);
    }

    /** Hotspot only: the new request against recent requests (the caller pre-selects them by district and time). */
    public Evaluated<EscalationDecision> checkHotspot(CaseFacts request, Collection<RecentRequest> recentRequests) {
        Objects.requireNonNull(request.reportedAt(), "request.reportedAt");
        return evaluateCase(request, List.of(), recentRequests, request.reportedAt());
    }

    /** Grades a fire report; a later report for the same fire is simply graded again. */
    public Evaluated<FireAssessment> gradeFire(FireReport report) {
        FireAssessment assessment = new FireAssessment(report.incidentId());
        RuleOutcome outcome = ruleBase.evaluate(AREA, List.of(report, assessment));
        return new Evaluated<>(assessment, outcome);
    }

    private RuleOutcome evaluate(Object resultFact, Collection<?> inputs) {
        List<Object> facts = new ArrayList<>(inputs);
        facts.add(resultFact);
        return ruleBase.evaluate(AREA, facts);
    }
}
