package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseService;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.stereotype.Component;

/**
 * Step after the city dispatch centre chose a district (first dispatch, or its ruling after repeated returns): a
 * district office role takes the case straight away, otherwise the district's dispatch desk chooses the subdistrict.
 */
@Component
class AssignDistrictDelegate implements JavaDelegate {

    private final Divisions divisions;
    private final CaseService cases;

    AssignDistrictDelegate(Divisions divisions, CaseService cases) {
        this.divisions = divisions;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String district = (String) execution.getVariable(Vars.CHOSEN_DISTRICT_CODE);
        OfficeRole role = OfficeRole.fromCode((String) execution.getVariable(Vars.RESPONSIBLE_ROLE));
        execution.setVariable(Vars.DISTRICT_CODE, district);
        execution.setVariable(Vars.DISTRICT_NAME, divisions.nameOf(district));
        execution.setVariable(Vars.SUBDISTRICT_CODE, null);
        boolean districtOffice = role != OfficeRole.HANDLER;
        String handler = districtOffice ? Offices.groupId(district, role) : null;
        execution.setVariable(Vars.HANDLER_GROUP, handler);
        execution.setVariable(Vars.HANDLER_OFFICE_NAME, handler == null ? null : OfficeNames.of(divisions, handler));
        execution.setVariable(Vars.NEEDS_DISTRICT_DISPATCH, !districtOffice);
        cases.assignJurisdiction(execution.getProcessBusinessKey(), district, null);
    }
}
