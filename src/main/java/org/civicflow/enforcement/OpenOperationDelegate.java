package org.civicflow.enforcement;

import static org.civicflow.enforcement.JointEnforcementProcess.Vars;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.civicflow.audit.AuditActions;
import org.civicflow.audit.AuditEvent;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Step "open the operation": from a citizen request (its district's enforcement office leads, the request's business
 * key becomes the operation's, so the case's audit trail shows every step) or directly for a district (a new
 * {@code JE-…} number). Prepares the choice of cooperating offices and records the opening in the audit trail.
 */
@Component
class OpenOperationDelegate implements JavaDelegate {

    private final CaseService cases;
    private final Divisions divisions;
    private final EnforcementOffices offices;
    private final EnforcementService service;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    OpenOperationDelegate(CaseService cases, Divisions divisions, EnforcementOffices offices, EnforcementService service,
                          ApplicationEventPublisher events, ObjectMapper json) {
        this.cases = cases;
        this.divisions = divisions;
        this.offices = offices;
        this.service = service;
        this.events = events;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String origin = text(execution, Vars.ORIGIN_BUSINESS_KEY);
        String district = text(execution, Vars.DISTRICT_CODE);
        String subject = text(execution, Vars.SUBJECT);
        String address = text(execution, Vars.ADDRESS);
        String key;
        if (origin != null) {
            CaseRecord c = cases.find(origin).orElseThrow(() ->
                    new BadUserRequestException("originBusinessKey: no citizen request " + origin));
            if (district == null) {
                district = c.districtCode();
            }
            if (district == null) {
                throw new BadUserRequestException("districtCode: the request " + origin + " has no district yet; give one");
            }
            subject = subject == null ? c.category() + ": " + c.description() : subject;
            address = address == null ? c.address() : address;
            key = origin;
        } else {
            if (subject == null) {
                throw new BadUserRequestException("subject: say what the operation is about");
            }
            key = service.newOperationNumber();
        }
        if (district == null || divisions.district(district).isEmpty()) {
            throw new BadUserRequestException("districtCode: choose one of Chongqing's 38 districts");
        }
        String lead = offices.leadOf(district);
        execution.setProcessBusinessKey(key);
        execution.setVariable(Vars.OPERATION_NUMBER, key);
        execution.setVariable(Vars.DISTRICT_CODE, district);
        execution.setVariable(Vars.DISTRICT_NAME, divisions.nameOf(district));
        execution.setVariable(Vars.SUBJECT, subject);
        execution.setVariable(Vars.ADDRESS, address);
        execution.setVariable(Vars.LEAD_OFFICE, lead);
        execution.setVariable(Vars.COOPERATION_OPTIONS,
                SpinValues.jsonValue(json.writeValueAsString(offices.options(district))).create());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", origin == null ? "direct" : "citizenRequest");
        details.put("originBusinessKey", origin);
        details.put("districtCode", district);
        details.put("leadOffice", lead);
        details.put("subject", subject);
        details.put("address", address);
        details.put("openedBy", text(execution, Vars.OPENED_BY));
        details.put("reason", text(execution, Vars.OPENING_REASON));
        details.values().removeIf(v -> v == null);
        events.publishEvent(new AuditEvent(AuditActions.ENFORCEMENT_OPENED, text(execution, Vars.OPENED_BY), null, key,
                execution.getProcessInstanceId(), details));
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
