package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.springframework.stereotype.Component;

/** Step "reopen": the citizen says the problem is unresolved and is unsatisfied, so the handler works on it again (once). */
@Component
class ReopenCaseDelegate implements JavaDelegate {

    private final CaseService cases;

    ReopenCaseDelegate(CaseService cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Counters.increment(execution, Vars.REOPEN_COUNT);
        String notes = (String) execution.getVariable(Vars.CALL_BACK_NOTES);
        cases.transition(execution.getProcessBusinessKey(), CaseEventType.REOPENED, CaseStatus.REOPENED,
                (String) execution.getVariable(Vars.HANDLER_GROUP), Actors.current(execution),
                "call-back: unresolved and unsatisfied" + (notes == null || notes.isBlank() ? "" : " — " + notes));
    }
}
