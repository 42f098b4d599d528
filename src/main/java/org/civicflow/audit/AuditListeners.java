package org.civicflow.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseTransitioned;
import org.civicflow.rules.RulesEvaluated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Records what other features announce. Plain synchronous {@link EventListener}s: they run in the publisher's thread
 * and transaction, so an entry commits or rolls back with the change it records, and a failure to record fails the
 * change.
 */
@Component
class AuditListeners {

    private final AuditTrail trail;

    AuditListeners(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void caseEvent(CaseTransitioned transitioned) {
        if (!trail.recording()) {
            return;
        }
        CaseEvent e = transitioned.event();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseEventId", e.id());
        details.put("occurredAt", e.occurredAt().toString());
        details.put("fromStatus", e.fromStatus() == null ? null : e.fromStatus().name());
        details.put("toStatus", e.toStatus() == null ? null : e.toStatus().name());
        details.put("officeGroup", e.officeGroup());
        details.put("reason", e.reason());
        details.put("details", json(e.details()));
        // the office column names the acting user's office; for the system, the office the case moved to
        boolean system = "system".equals(e.actor());
        trail.record(new AuditEvent(AuditActions.CASE_PREFIX + e.type().name(), e.actor(),
                system ? e.officeGroup() : null, e.businessKey(), null, details));
    }

    @EventListener
    void rulesEvaluated(RulesEvaluated evaluated) {
        if (!trail.recording()) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("area", evaluated.outcome().area());
        details.put("version", evaluated.outcome().version());
        details.put("firedRules", evaluated.outcome().firedRules());
        List<Object> facts = new ArrayList<>();
        for (Object fact : evaluated.facts()) {
            facts.add(Map.of("type", fact.getClass().getSimpleName(), "value", factValue(fact)));
        }
        details.put("facts", facts);
        // a case's escalation check runs outside its process too (at intake, when a warning comes): named by the caller
        trail.record(new AuditEvent(AuditActions.RULES_EVALUATED, null, null, evaluated.businessKey(), null, details));
    }

    /** Entries other features publish directly. */
    @EventListener
    void audit(AuditEvent event) {
        trail.record(event);
    }

    private static Object factValue(Object fact) {
        try {
            return CanonicalJson.MAPPER.valueToTree(fact);
        } catch (IllegalArgumentException e) {
            return String.valueOf(fact);
        }
    }

    /** Case event details are JSON text when a step recorded structured data; kept as JSON, else as text. */
    private static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = CanonicalJson.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? text : node;
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
