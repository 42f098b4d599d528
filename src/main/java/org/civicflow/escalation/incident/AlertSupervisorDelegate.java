package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.civicflow.escalation.ResponseLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Step after the acknowledgement deadline passed: the supervisor above the lead is told (the district supervisor for
 * IV and III, the city supervisor for II and I); the acknowledge task stays with the lead.
 */
@Component
class AlertSupervisorDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(AlertSupervisorDelegate.class);

    private final IncidentSteps steps;

    AlertSupervisorDelegate(IncidentSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResponseLevel level = ResponseLevel.valueOf(IncidentSteps.text(execution, Vars.RESPONSE_LEVEL));
        String supervisor = ResponseLeads.of(level, IncidentSteps.text(execution, Vars.DIVISION_CODE)).supervisorGroup();
        String lead = IncidentSteps.text(execution, Vars.LEAD_GROUP);
        execution.setVariable("acknowledgeOverdueNotified", supervisor);
        String reason = "incident " + execution.getProcessBusinessKey() + " not acknowledged by " + lead + " within "
                + IncidentSteps.text(execution, Vars.ACKNOWLEDGE_WITHIN);
        log.warn("{}: {} informed", reason, supervisor);
        steps.recordOnLinkedCase(execution, CaseEventType.NOTIFIED, supervisor, reason, null);
    }
}
