package org.civicflow.routing;

import java.util.List;

import org.civicflow.rules.RuleBase;
import org.civicflow.rules.RuleOutcome;
import org.springframework.stereotype.Service;

/** Classifies a request with the routing rules ({@code rules/routing/}). */
@Service
public class RoutingService {

    static final String AREA = "routing";

    private final RuleBase ruleBase;

    public RoutingService(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    public Routed classify(RoutingRequest request) {
        RoutingDecision decision = new RoutingDecision();
        RuleOutcome outcome = ruleBase.evaluate(AREA, List.of(request, decision));
        if (decision.getSlaClass() == null || decision.getResponsibleRole() == null) {
            throw new IllegalStateException("No routing rule classifies category '" + request.category() + "'");
        }
        return new Routed(decision, outcome);
    }

    /** A decision together with the evaluation that made it (rule-set version and fired rules, for the audit trail). */
    public record Routed(RoutingDecision decision, RuleOutcome outcome) {
    }
}
