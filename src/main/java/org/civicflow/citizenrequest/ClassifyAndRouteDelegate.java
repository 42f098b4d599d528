package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.json.SpinJsonNode;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.identity.OfficeRole;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.civicflow.jurisdiction.GeoPoint;
import org.civicflow.jurisdiction.Jurisdiction;
import org.civicflow.jurisdiction.JurisdictionResolver;
import org.civicflow.routing.RoutingRequest;
import org.civicflow.routing.RoutingService;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Step "classify and route": the routing rules give the SLA class and the responsible role, the jurisdiction gives the
 * district and subdistrict; together they decide who dispatches (nobody, the district or the city).
 */
@Component
class ClassifyAndRouteDelegate implements JavaDelegate {

    private final RoutingService routing;
    private final JurisdictionResolver jurisdictions;
    private final Divisions divisions;
    private final CaseService cases;
    private final ObjectMapper json;

    ClassifyAndRouteDelegate(RoutingService routing, JurisdictionResolver jurisdictions, Divisions divisions,
                             CaseService cases, ObjectMapper json) {
        this.routing = routing;
        this.jurisdictions = jurisdictions;
        this.divisions = divisions;
        this.cases = cases;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String businessKey = execution.getProcessBusinessKey();
        CaseRecord submitted = cases.find(businessKey).orElseThrow(() -> new IllegalStateException("No case " + businessKey));
        var routed = routing.classify(new RoutingRequest(submitted.category(), attributes(execution)));
        OfficeRole role = routed.decision().getResponsibleRole();

        Double lat = submitted.latitude();
        Double lon = submitted.longitude();
        Jurisdiction where = jurisdictions.resolve(lat == null || lon == null ? null : new GeoPoint(lat, lon),
                submitted.divisionCode(), submitted.address());

        Dispatch dispatch = Dispatch.decide(role, where.districtCode(), where.subdistrictCode());
        execution.setVariable(Vars.SLA_CLASS, routed.decision().getSlaClass().code());
        execution.setVariable(Vars.SLA_CLASS_LABEL, SlaLabels.of(routed.decision().getSlaClass()));
        execution.setVariable(Vars.RESPONSIBLE_ROLE, role.code());
        // read only by the gateway that follows, in this transaction: not stored (the routing event records it)
        execution.setVariable(Vars.DISPATCH_LEVEL, Variables.stringValue(dispatch.level(), true));
        execution.setVariable(Vars.DISTRICT_CODE, where.districtCode());
        execution.setVariable(Vars.DISTRICT_NAME, where.districtCode() == null ? null : divisions.nameOf(where.districtCode()));
        execution.setVariable(Vars.SUBDISTRICT_CODE, dispatch.handlerGroup() == null ? null : where.subdistrictCode());
        execution.setVariable(Vars.HANDLER_GROUP, dispatch.handlerGroup());
        execution.setVariable(Vars.HANDLER_OFFICE_NAME, dispatch.handlerGroup() == null ? null : OfficeNames.of(divisions, dispatch.handlerGroup()));

        List<String> notes = new ArrayList<>(routed.decision().getReasons());
        notes.addAll(where.notes());
        notes.add(dispatch.explanation());
        execution.setVariable(Vars.CASE_SUMMARY, CaseSummary.of(submitted, String.join("; ", notes)));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ruleSet", routed.outcome().area() + "@" + routed.outcome().version());
        details.put("firedRules", routed.outcome().firedRules());
        details.put("jurisdiction", where);
        // the instance is attached now, inside the start, so listeners of the first case events already know it
        cases.routed(businessKey, execution.getProcessInstanceId(), routed.decision().getSlaClass().code(),
                where.districtCode(), dispatch.handlerGroup() == null ? null : where.subdistrictCode(),
                String.join("; ", notes), json.writeValueAsString(details));
    }

    private Map<String, Object> attributes(DelegateExecution execution) throws JsonProcessingException {
        Object value = execution.getVariable(Vars.ATTRIBUTES);
        if (value instanceof SpinJsonNode node) {
            return json.readValue(node.toString(), Map.class);
        }
        return Map.of();
    }

    /** Who dispatches a newly routed case, from the responsible role and what is known of the place. */
    record Dispatch(String level, String handlerGroup, String explanation) {

        static final String BY_RULES = "rules";
        static final String BY_DISTRICT = "district";
        static final String BY_CITY = "city";

        static Dispatch decide(OfficeRole role, String districtCode, String subdistrictCode) {
            if (districtCode == null) {
                return new Dispatch(BY_CITY, null, "district unknown: the city dispatch centre chooses it");
            }
            if (role != OfficeRole.HANDLER) {
                return new Dispatch(BY_RULES, Offices.groupId(districtCode, role), "straight to the district " + role.code() + " office");
            }
            if (subdistrictCode == null) {
                return new Dispatch(BY_DISTRICT, null, "subdistrict unknown: the district dispatch desk chooses it");
            }
            return new Dispatch(BY_RULES, Offices.groupId(subdistrictCode, OfficeRole.HANDLER), "straight to the subdistrict");
        }
    }
}
