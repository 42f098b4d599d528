package org.civicflow.routing;

import java.util.ArrayList;
import java.util.List;

import org.civicflow.identity.OfficeRole;
import org.civicflow.sla.SlaClass;

/**
 * Result fact the routing rules write into: the SLA class and the role of the office that handles the request.
 * Rules only decide; {@link RoutingService} and the process act on the decision.
 */
public class RoutingDecision {

    private SlaClass slaClass;
    private OfficeRole responsibleRole;
    private final List<String> reasons = new ArrayList<>();

    public SlaClass getSlaClass() {
        return slaClass;
    }

    public void setSlaClass(SlaClass slaClass) {
        this.slaClass = slaClass;
    }

    public OfficeRole getResponsibleRole() {
        return responsibleRole;
    }

    public void setResponsibleRole(OfficeRole responsibleRole) {
        this.responsibleRole = responsibleRole;
    }

    public List<String> getReasons() {
        return reasons;
    }

    /** Records a decision: the class, the role and why, in one call from a rule's consequence. */
    public void classify(SlaClass slaClass, OfficeRole role, String reason) {
        this.slaClass = slaClass;
        this.responsibleRole = role;
        reasons.add(reason);
    }

    /** Raises the SLA class (never lowers it): modifiers such as danger to life run after the base classification. */
    public void raiseTo(SlaClass atLeast, String reason) {
        if (slaClass == null || slaClass.compareTo(atLeast) < 0) {
            slaClass = atLeast;
            reasons.add(reason);
        }
    }
}
