package org.civicflow.escalation;

import java.util.ArrayList;
import java.util.List;

import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.sla.SlaClass;

/**
 * Result fact of the case rules ({@code rainstorm.drl}, {@code heat.drl}, {@code hotspot.drl}): what should happen to
 * one request. Rules only decide; Java acts on the decision (raise the SLA class, start and link an
 * {@code incidentResponse}, notify the supervisor, record the enforcement proposal).
 *
 * <p>Every decision only ever raises: several warnings or rules may apply, and the most severe consequence wins
 * whatever the firing order. A rule that fires without raising anything (the request is already urgent) leaves the
 * decision unchanged; the fired rule still appears in the evaluation's {@code RuleOutcome}.
 */
public class EscalationDecision {

    private final String businessKey;
    private final SlaClass currentSlaClass;
    private SlaClass slaClass;
    private ResponseLevel incidentLevel;
    private String incidentType;
    private Hotspot hotspot;
    private final List<String> groupsToNotify = new ArrayList<>();
    private boolean jointEnforcementProposed;
    private final List<String> reasons = new ArrayList<>();

    public EscalationDecision(String businessKey, SlaClass currentSlaClass) {
        this.businessKey = businessKey;
        this.currentSlaClass = currentSlaClass;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    /** The SLA class the request should now have, or {@code null} when it stays as it is. */
    public SlaClass getSlaClass() {
        return slaClass;
    }

    /** The response level of the incident to open and link, or {@code null} when none is wanted. */
    public ResponseLevel getIncidentLevel() {
        return incidentLevel;
    }

    /** The incident type for {@code incidentResponse} ({@code flood}, {@code landslide}, ...), with the level. */
    public String getIncidentType() {
        return incidentType;
    }

    public Hotspot getHotspot() {
        return hotspot;
    }

    /** Camunda groups ({@code <divisionCode>-<role>}) to notify. */
    public List<String> getGroupsToNotify() {
        return List.copyOf(groupsToNotify);
    }

    public boolean isJointEnforcementProposed() {
        return jointEnforcementProposed;
    }

    public List<String> getReasons() {
        return List.copyOf(reasons);
    }

    public boolean isIncidentWanted() {
        return incidentLevel != null;
    }

    public boolean changesAnything() {
        return slaClass != null || incidentLevel != null || hotspot != null || !groupsToNotify.isEmpty()
                || jointEnforcementProposed;
    }

    /** Raises the request's SLA class to at least {@code atLeast}, never lowers it. */
    public void raiseSlaTo(SlaClass atLeast, String reason) {
        SlaClass now = slaClass != null ? slaClass : currentSlaClass;
        if (now == null || now.compareTo(atLeast) < 0) {
            slaClass = atLeast;
            reasons.add(reason);
        }
    }

    /** Asks for a linked incident of at least {@code level}; a higher level asked for by another rule stays. */
    public void openIncident(String type, ResponseLevel level, String reason) {
        if (level.isHigherThan(incidentLevel)) {
            incidentLevel = level;
            incidentType = type;
            reasons.add(reason);
        }
    }

    public void flagHotspot(Hotspot found, String reason) {
        if (hotspot == null) {
            hotspot = found;
            reasons.add(reason);
        }
    }

    public void notifyOffice(String divisionCode, OfficeRole role, String reason) {
        String group = Offices.groupId(divisionCode, role);
        if (!groupsToNotify.contains(group)) {
            groupsToNotify.add(group);
            reasons.add(reason);
        }
    }

    public void proposeJointEnforcement(String reason) {
        if (!jointEnforcementProposed) {
            jointEnforcementProposed = true;
            reasons.add(reason);
        }
    }

    @Override
    public String toString() {
        return "EscalationDecision[" + businessKey + ": sla=" + slaClass + ", incident=" + incidentType + "/" + incidentLevel
                + ", hotspot=" + hotspot + ", notify=" + groupsToNotify + ", jointEnforcement=" + jointEnforcementProposed
                + ", reasons=" + reasons + "]";
    }
}
