package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseService;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.stereotype.Component;

/** Step after the district dispatch desk chose the handling office. */
@Component
class AssignOfficeDelegate implements JavaDelegate {

    private final Divisions divisions;
    private final CaseService cases;

    AssignOfficeDelegate(Divisions divisions, CaseService cases) {
        this.divisions = divisions;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String office = (String) execution.getVariable(Vars.CHOSEN_OFFICE_GROUP);
        execution.setVariable(Vars.HANDLER_GROUP, office);
        execution.setVariable(Vars.HANDLER_OFFICE_NAME, OfficeNames.of(divisions, office));
        String subdistrict = Offices.roleOf(office) == OfficeRole.HANDLER ? Offices.divisionCodeOf(office) : null;
        execution.setVariable(Vars.SUBDISTRICT_CODE, subdistrict);
        cases.assignJurisdiction(execution.getProcessBusinessKey(), (String) execution.getVariable(Vars.DISTRICT_CODE), subdistrict);
    }
}
