package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.cases.CaseStatus;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.springframework.stereotype.Component;

/**
 * Step "record the return" (退单): the first return goes back to the district dispatch desk that dispatched it; a
 * further return goes one level up, to the city dispatch centre, which rules on who is responsible (our policy).
 */
@Component
class RecordReturnDelegate implements JavaDelegate {

    private final CaseService cases;

    RecordReturnDelegate(CaseService cases) {
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int returns = Counters.increment(execution, Vars.RETURN_COUNT);
        String from = (String) execution.getVariable(Vars.HANDLER_GROUP);
        String district = (String) execution.getVariable(Vars.DISTRICT_CODE);
        boolean firstReturn = returns == 1;
        String to = firstReturn ? Offices.groupId(district, OfficeRole.DISPATCH) : Offices.CITY_DISPATCH;
        String reason = "returned by " + from + " (return no. " + returns + "): " + execution.getVariable(Vars.RETURN_REASON);
        cases.transition(execution.getProcessBusinessKey(), CaseEventType.RETURNED,
                firstReturn ? CaseStatus.RETURNED : CaseStatus.AWAITING_RULING, to, Actors.current(execution), reason);
    }
}
