package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.civicflow.cases.CaseService;
import org.civicflow.escalation.ResponseLevel;
import org.springframework.stereotype.Component;

/**
 * Steps "raise the response level" (straight after an upgrade) and "lower the response level" (after the lead
 * confirmed a downgrade): the proposed level becomes the incident's, with its lead and informed offices.
 */
@Component
class ApplyResponseLevelDelegate implements JavaDelegate {

    private final IncidentSteps steps;

    ApplyResponseLevelDelegate(IncidentSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResponseLevel from = ResponseLevel.valueOf(IncidentSteps.text(execution, Vars.RESPONSE_LEVEL));
        ResponseLevel to = ResponseLevel.valueOf(IncidentSteps.text(execution, Vars.PROPOSED_LEVEL));
        String note = IncidentSteps.text(execution, Vars.DOWNGRADE_NOTE);
        String why = "level " + from.name() + " → " + to.name() + ": " + IncidentSteps.text(execution, Vars.REGRADE_REASONS)
                + (note == null ? "" : "; confirmed by the lead: " + note);
        steps.applyLevel(execution, to, why, actor(execution));
    }

    private static String actor(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? CaseService.SYSTEM_ACTOR : authentication.getUserId();
    }
}
