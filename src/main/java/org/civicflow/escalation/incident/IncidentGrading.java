package org.civicflow.escalation.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civicflow.cases.CaseService;
import org.civicflow.escalation.EscalationDecision;
import org.civicflow.escalation.EscalationService;
import org.civicflow.escalation.Evaluated;
import org.civicflow.escalation.FireAssessment;
import org.civicflow.escalation.FireSituation;
import org.civicflow.escalation.ResponseLevel;
import org.civicflow.escalation.live.CaseFactsOf;
import org.civicflow.escalation.live.WarningRepository;
import org.springframework.stereotype.Component;

/**
 * Grades an incident with the rules, from everything known now: the fire's situation (fire rules), a level the
 * reporter declared, and for an escalated request the warnings in force over it (case rules). The highest level wins;
 * with no criterion at all an incident is general (IV).
 */
@Component
public class IncidentGrading {

    private final EscalationService escalation;
    private final CaseService cases;
    private final WarningRepository warnings;

    IncidentGrading(EscalationService escalation, CaseService cases, WarningRepository warnings) {
        this.escalation = escalation;
        this.cases = cases;
        this.warnings = warnings;
    }

    /** A grade, why, and which rules decided it ({@code area@version} and the names of the rules that fired). */
    public record Grading(ResponseLevel level, List<String> reasons, String ruleSet, List<String> firedRules) {
        public Grading {
            reasons = List.copyOf(reasons);
            firedRules = List.copyOf(firedRules);
        }
    }

    public Grading grade(String incidentId, String divisionCode, FireSituation fire, ResponseLevel reportedLevel,
                         String reportedBy, String linkedCase, Instant at) {
        ResponseLevel level = null;
        List<String> reasons = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        String ruleSet = null;
        if (fire != null) {
            Evaluated<FireAssessment> graded = escalation.gradeFire(fire.toReport(incidentId, divisionCode));
            level = higher(level, graded.decision().getResponseLevel());
            reasons.add(graded.decision().getGrade().chineseName() + ": " + String.join(", ", graded.decision().getReasons()));
            fired.addAll(graded.outcome().firedRules());
            ruleSet = graded.outcome().area() + "@" + graded.outcome().version();
        }
        if (reportedLevel != null) {
            if (reportedLevel.isHigherThan(level)) {
                level = reportedLevel;
            }
            reasons.add("level " + reportedLevel.name() + " declared by " + reportedBy);
        }
        if (linkedCase != null) {
            var c = cases.find(linkedCase).orElse(null);
            if (c != null) {
                Evaluated<EscalationDecision> evaluated = escalation.evaluateCase(CaseFactsOf.of(c, Map.of()),
                        warnings.liveWarnings(at), at);
                ResponseLevel wanted = evaluated.decision().getIncidentLevel();
                if (wanted != null) {
                    level = higher(level, wanted);
                    reasons.addAll(evaluated.decision().getReasons());
                } else {
                    reasons.add("no warning in force now calls request " + linkedCase + " an incident");
                }
                fired.addAll(evaluated.outcome().firedRules());
                ruleSet = evaluated.outcome().area() + "@" + evaluated.outcome().version();
            }
        }
        if (level == null) {
            level = ResponseLevel.IV;
            reasons.add("no criterion for a higher level: general (IV)");
        }
        return new Grading(level, reasons, ruleSet, List.copyOf(fired));
    }

    private static ResponseLevel higher(ResponseLevel a, ResponseLevel b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isHigherThan(a) ? b : a;
    }
}
