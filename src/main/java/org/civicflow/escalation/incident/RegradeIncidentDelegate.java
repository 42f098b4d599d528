package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Values;
import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.civicflow.escalation.ResponseLevel;
import org.civicflow.escalation.incident.IncidentGrading.Grading;
import org.springframework.stereotype.Component;

/**
 * Step "grade again" of the new-information subprocess: the rules run over everything known now and propose a level;
 * the proposal and its direction stay local to this subprocess instance, so overlapping updates do not mix.
 */
@Component
class RegradeIncidentDelegate implements JavaDelegate {

    private final IncidentSteps steps;

    RegradeIncidentDelegate(IncidentSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Grading grading = steps.grade(execution);
        ResponseLevel current = ResponseLevel.valueOf(IncidentSteps.text(execution, Vars.RESPONSE_LEVEL));
        ResponseLevel proposed = grading.level();
        String direction = proposed.isHigherThan(current) ? Values.UP : current.isHigherThan(proposed) ? Values.DOWN : Values.SAME;
        execution.setVariableLocal(Vars.PROPOSED_LEVEL, proposed.name());
        execution.setVariableLocal(Vars.PROPOSED_LEVEL_LABEL, ResponseLeads.label(proposed));
        execution.setVariableLocal(Vars.REGRADE_DIRECTION, direction);
        execution.setVariableLocal(Vars.REGRADE_REASONS, String.join("; ", grading.reasons()));
        execution.setVariableLocal(Vars.DOWNGRADE_CONFIRMED, null);
        execution.setVariableLocal(Vars.DOWNGRADE_NOTE, null);
        Map<String, Object> details = IncidentSteps.ruleDetails(grading);
        details.put("information", IncidentSteps.text(execution, Vars.NEW_INFORMATION));
        details.put("from", current.name());
        steps.recordOnLinkedCase(execution, CaseEventType.INCIDENT_UPDATED, null,
                "new information for incident " + execution.getProcessBusinessKey() + " ("
                        + IncidentSteps.text(execution, Vars.NEW_INFORMATION) + "): rules grade it level " + proposed.name()
                        + (Values.SAME.equals(direction) ? ", unchanged" : Values.UP.equals(direction) ? ", raised" : ", lower: the lead must confirm"),
                details);
    }
}
