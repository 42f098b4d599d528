package org.civicflow.enforcement;

import static org.civicflow.enforcement.JointEnforcementProcess.Vars;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.civicflow.identity.OfficeDirectory;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.stereotype.Component;

/**
 * Which offices take part: the lead (the district's enforcement office), the offices the lead may ask to cooperate,
 * and — as the multi-instance collection {@code ${enforcementOffices.cooperating(execution)}} — those it chose.
 */
@Component("enforcementOffices")
public class EnforcementOffices {

    private final Divisions divisions;
    private final OfficeDirectory directory;

    EnforcementOffices(Divisions divisions, OfficeDirectory directory) {
        this.divisions = divisions;
        this.directory = directory;
    }

    /** The chosen cooperating offices, one parallel findings task each. */
    public List<String> cooperating(DelegateExecution execution) {
        Object chosen = execution.getVariable(Vars.COOPERATING_OFFICE_LIST);
        return chosen == null || chosen.toString().isBlank() ? List.of() : Arrays.asList(chosen.toString().split(","));
    }

    String leadOf(String districtCode) {
        return Offices.groupId(districtCode, OfficeRole.ENFORCEMENT);
    }

    /** The district's police, environment and other offices, its subdistricts' handlers, the city's offices. */
    List<Map<String, String>> options(String districtCode) {
        List<Map<String, String>> options = new ArrayList<>();
        for (OfficeRole role : List.of(OfficeRole.POLICE, OfficeRole.ENVIRONMENT, OfficeRole.SUPERVISOR,
                OfficeRole.COMMAND, OfficeRole.DISPATCH)) {
            add(options, Offices.groupId(districtCode, role));
        }
        divisions.subdistrictsOf(districtCode).forEach(s -> add(options, Offices.groupId(s.code(), OfficeRole.HANDLER)));
        for (OfficeRole role : List.of(OfficeRole.ENFORCEMENT, OfficeRole.COMMAND)) {
            add(options, Offices.groupId(Offices.CITY_CODE, role));
        }
        return options;
    }

    boolean isOffice(String groupId) {
        return directory.find(groupId).isPresent();
    }

    String nameOf(String groupId) {
        return directory.nameOf(groupId);
    }

    private void add(List<Map<String, String>> options, String groupId) {
        directory.find(groupId).ifPresent(o -> {
            Map<String, String> option = new LinkedHashMap<>();
            option.put("label", o.name() + " (" + o.groupId() + ")");
            option.put("value", o.groupId());
            options.add(option);
        });
    }
}
