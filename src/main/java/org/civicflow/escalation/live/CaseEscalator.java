package org.civicflow.escalation.live;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.citizenrequest.CitizenRequestProcess;
import org.civicflow.citizenrequest.SlaLabels;
import org.civicflow.escalation.ActiveWarning;
import org.civicflow.escalation.EscalationDecision;
import org.civicflow.escalation.EscalationService;
import org.civicflow.escalation.Evaluated;
import org.civicflow.escalation.IncidentReport;
import org.civicflow.escalation.IncidentResult;
import org.civicflow.escalation.IncidentService;
import org.civicflow.escalation.IncidentType;
import org.civicflow.escalation.IncidentUpdate;
import org.civicflow.escalation.RecentRequest;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Evaluates one open case with the escalation rules and acts on the decision: raises its SLA class (case record,
 * process variables, an event with the reasons, rule-set version and fired rules), opens and links an incident or
 * passes the upgrade to the one already linked, records the offices notified, the hotspot and the joint-enforcement
 * proposal. Decisions only ever raise, so evaluating a case again changes nothing that is already so.
 */
@Component
public class CaseEscalator {

    private final EscalationService escalation;
    private final CaseService cases;
    private final IncidentService incidents;
    private final RuntimeService runtime;
    private final ObjectMapper json;

    CaseEscalator(EscalationService escalation, CaseService cases, IncidentService incidents, RuntimeService runtime,
                  ObjectMapper json) {
        this.escalation = escalation;
        this.cases = cases;
        this.incidents = incidents;
        this.runtime = runtime;
        this.json = json;
    }

    /** What acting on a decision did. */
    public record Outcome(boolean slaRaised, String incidentOpened, String incidentUpdated, int notified, boolean hotspot) {

        static final Outcome NOTHING = new Outcome(false, null, null, 0, false);

        /** The case is more urgent now or handled as an incident. */
        public boolean escalated() {
            return slaRaised || incidentOpened != null || incidentUpdated != null;
        }
    }

    public Evaluated<EscalationDecision> evaluate(CaseRecord c, Map<String, String> attributes,
                                                  Collection<ActiveWarning> warnings, Collection<RecentRequest> recent,
                                                  Instant at) {
        return escalation.evaluateCase(CaseFactsOf.of(c, attributes), warnings, recent, at);
    }

    /** Acts on the decision; call it in a transaction, so the case and its process change together or not at all. */
    public Outcome act(CaseRecord c, Evaluated<EscalationDecision> evaluated, String trigger) {
        EscalationDecision decision = evaluated.decision();
        if (!decision.changesAnything()) {
            return Outcome.NOTHING;
        }
        String reasons = String.join("; ", decision.getReasons());
        String details = details(evaluated, trigger);
        boolean slaRaised = false;
        if (decision.getSlaClass() != null) {
            cases.raiseSlaClass(c.businessKey(), decision.getSlaClass().code(), CaseService.SYSTEM_ACTOR,
                    "SLA class " + c.slaClass() + " → " + decision.getSlaClass().code() + ": " + reasons, details);
            if (isRunning(c.processInstanceId())) {
                runtime.setVariables(c.processInstanceId(), Variables.createVariables()
                        .putValue(CitizenRequestProcess.Vars.SLA_CLASS, decision.getSlaClass().code())
                        .putValue(CitizenRequestProcess.Vars.SLA_CLASS_LABEL, SlaLabels.of(decision.getSlaClass())));
            }
            slaRaised = true;
        }
        String opened = null;
        String updated = null;
        if (decision.isIncidentWanted()) {
            var running = incidents.activeIncidentOf(c.businessKey());
            if (running.isEmpty()) {
                IncidentType type = IncidentType.fromCode(decision.getIncidentType()).orElse(IncidentType.FLOOD);
                String division = c.subdistrictCode() != null ? c.subdistrictCode() : c.districtCode();
                IncidentResult incident = incidents.openForCase(c, new IncidentReport(type, division, c.description(),
                        "escalation of request " + c.businessKey() + " (" + trigger + ")", null, null), reasons, details);
                opened = incident.incidentId();
            } else if (decision.getIncidentLevel().isHigherThan(running.get().responseLevel())) {
                incidents.newInformation(running.get().incidentId(), new IncidentUpdate(reasons, trigger, null, null));
                updated = running.get().incidentId();
            }
        }
        String district = c.districtCode();
        int notified = 0;
        for (String group : decision.getGroupsToNotify()) {
            cases.recordEvent(c.businessKey(), CaseEventType.NOTIFIED, CaseService.SYSTEM_ACTOR, group, reasons, details);
            notified++;
        }
        if (decision.getHotspot() != null) {
            var hotspot = decision.getHotspot();
            String size = hotspot.size() + " " + hotspot.category() + " requests within 500 m in 7 days";
            // a new hotspot names its requests; one joined points to the request that reported it, which names them
            // (the evaluation's audit entry names them for each request)
            cases.recordEvent(c.businessKey(), CaseEventType.HOTSPOT_FLAGGED, CaseService.SYSTEM_ACTOR,
                    district == null ? null : Offices.groupId(district, OfficeRole.SUPERVISOR),
                    hotspot.reportedWith() == null
                            ? size + ": " + String.join(", ", hotspot.earlierBusinessKeys()) + " and " + c.businessKey()
                            : size + ", joining the hotspot reported with " + hotspot.reportedWith(),
                    details);
            // the report this request belongs to from now on: its own, or the one it joined (carried on, so that the
            // spot stays reported while the reporting request falls out of the newest requests the check reads)
            String reportedBy = hotspot.reportedWith() == null ? c.businessKey() : hotspot.reportedWith();
            cases.markHotspot(c.businessKey(), reportedBy, hotspot.reportedAt());
        }
        if (decision.isJointEnforcementProposed()) {
            cases.recordEvent(c.businessKey(), CaseEventType.JOINT_ENFORCEMENT_PROPOSED, CaseService.SYSTEM_ACTOR,
                    district == null ? null : Offices.groupId(district, OfficeRole.ENFORCEMENT),
                    "joint law enforcement (联合执法) proposed, led by urban-management enforcement: " + reasons, details);
        }
        return new Outcome(slaRaised, opened, updated, notified, decision.getHotspot() != null);
    }

    private boolean isRunning(String processInstanceId) {
        return processInstanceId != null
                && runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    private String details(Evaluated<EscalationDecision> evaluated, String trigger) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("trigger", trigger);
        details.put("ruleSet", evaluated.outcome().area() + "@" + evaluated.outcome().version());
        details.put("firedRules", evaluated.outcome().firedRules());
        EscalationDecision d = evaluated.decision();
        details.put("slaClass", d.getSlaClass() == null ? null : d.getSlaClass().code());
        details.put("incident", d.getIncidentLevel() == null ? null : d.getIncidentType() + "/" + d.getIncidentLevel().name());
        details.put("notify", d.getGroupsToNotify());
        details.put("reasons", d.getReasons());
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return details.toString();
        }
    }
}
