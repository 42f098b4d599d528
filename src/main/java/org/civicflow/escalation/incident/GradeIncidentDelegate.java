package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseService;
import org.civicflow.escalation.incident.IncidentGrading.Grading;
import org.springframework.stereotype.Component;

/** Step "grade the incident": the rules give the response level, the level gives the lead and who is informed. */
@Component
class GradeIncidentDelegate implements JavaDelegate {

    private final IncidentSteps steps;

    GradeIncidentDelegate(IncidentSteps steps) {
        this.steps = steps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Grading grading = steps.grade(execution);
        execution.setVariable(Vars.GRADING_REASONS, String.join("; ", grading.reasons()));
        execution.setVariable(Vars.RULE_SET, grading.ruleSet());
        steps.applyLevel(execution, grading.level(), String.join("; ", grading.reasons()), CaseService.SYSTEM_ACTOR);
    }
}
