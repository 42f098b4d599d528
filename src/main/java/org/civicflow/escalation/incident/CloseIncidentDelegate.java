package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.springframework.stereotype.Component;

/** Step "close the incident": the incident record ends and the linked request learns the outcome. */
@Component
class CloseIncidentDelegate implements JavaDelegate {

    private final IncidentSteps steps;

    CloseIncidentDelegate(IncidentSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.close(execution);
        steps.recordOnLinkedCase(execution, CaseEventType.INCIDENT_UPDATED, IncidentSteps.text(execution, Vars.LEAD_GROUP),
                "incident " + execution.getProcessBusinessKey() + " closed: "
                        + IncidentSteps.text(execution, Vars.RESOLUTION_SUMMARY), null);
    }
}
