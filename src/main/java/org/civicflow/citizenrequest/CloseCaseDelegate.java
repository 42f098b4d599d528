package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.springframework.stereotype.Component;

/** Step "close" (办结): records the outcome and the citizen's satisfaction on the case. */
@Component
class CloseCaseDelegate implements JavaDelegate {

    private final CaseService cases;

    CloseCaseDelegate(CaseService cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = (String) execution.getVariable(Vars.OUTCOME);
        String satisfaction = (String) execution.getVariable(Vars.SATISFACTION);
        String key = execution.getProcessBusinessKey();
        cases.recordOutcome(key, outcome, satisfaction);
        cases.transition(key, CaseEventType.CLOSED, CaseStatus.CLOSED, null, Actors.current(execution),
                "outcome " + outcome + ", citizen " + satisfaction);
    }
}
