package org.civicflow.citizenrequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.spin.plugin.variable.SpinValues;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The offices a dispatcher or supervisor may choose, as form dropdowns (Spin JSON for {@code valuesKey}) and as a check. */
@Component
class OfficeChoices {

    private static final Set<String> DISTRICT_OFFICE_ROLES = Set.of(OfficeRole.ENFORCEMENT.code(),
            OfficeRole.ENVIRONMENT.code(), OfficeRole.POLICE.code());

    private final Divisions divisions;
    private final ObjectMapper json;

    OfficeChoices(Divisions divisions, ObjectMapper json) {
        this.divisions = divisions;
        this.json = json;
    }

    /** Whether {@code office} is a subdistrict office of {@code district} or one of its district offices that handle cases. */
    boolean isOfficeOfDistrict(String office, String district) {
        int dash = office == null ? -1 : office.indexOf('-');
        if (dash < 0 || district == null) {
            return false;
        }
        String code = office.substring(0, dash);
        String role = office.substring(dash + 1);
        if (OfficeRole.HANDLER.code().equals(role)) {
            return divisions.subdistrict(code).map(s -> s.districtCode().equals(district)).orElse(false);
        }
        return code.equals(district) && DISTRICT_OFFICE_ROLES.contains(role);
    }

    List<Map<String, String>> districtOptions() {
        return divisions.districts().stream()
                .map(d -> Map.of("label", d.name() + " " + d.nameEn() + " (" + d.code() + ")", "value", d.code()))
                .toList();
    }

    List<Map<String, String>> officeOptions(String district) {
        List<Map<String, String>> options = new ArrayList<>();
        divisions.subdistrictsOf(district).forEach(s -> options.add(
                Map.of("label", s.name() + " (" + s.code() + ")", "value", Offices.groupId(s.code(), OfficeRole.HANDLER))));
        for (OfficeRole role : List.of(OfficeRole.ENFORCEMENT, OfficeRole.ENVIRONMENT, OfficeRole.POLICE)) {
            options.add(Map.of("label", divisions.nameOf(district) + " " + role.label(), "value", Offices.groupId(district, role)));
        }
        return options;
    }

    /** A list of options as the JSON variable a Camunda Form dropdown reads through {@code valuesKey}. */
    Object asFormValues(List<Map<String, String>> options) {
        try {
            return SpinValues.jsonValue(json.writeValueAsString(options)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
