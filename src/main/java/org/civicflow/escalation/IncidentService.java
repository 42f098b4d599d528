package org.civicflow.escalation;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.citizenrequest.CitizenRequestProcess;
import org.civicflow.escalation.cap.FieldError;
import org.civicflow.escalation.incident.IncidentRecord;
import org.civicflow.escalation.incident.IncidentRepository;
import org.civicflow.escalation.incident.IncidentResponseProcess;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents ({@code incidentResponse}): report one from a monitoring system or agency, open one for an escalated
 * request (linked to it), pass new information to a running one, and read where one stands.
 */
@Service
public class IncidentService {

    private static final DateTimeFormatter REPORTED_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final IncidentRepository incidents;
    private final RuntimeService runtime;
    private final CaseService cases;
    private final Divisions divisions;
    private final Clock clock;

    IncidentService(IncidentRepository incidents, RuntimeService runtime, CaseService cases, Divisions divisions,
                    Clock clock) {
        this.incidents = incidents;
        this.runtime = runtime;
        this.cases = cases;
        this.divisions = divisions;
        this.clock = clock;
    }

    /**
     * Starts an {@code incidentResponse} for a reported incident; the rules grade it on the way.
     *
     * @throws InvalidIncidentException listing every problem; nothing is started
     */
    @Transactional
    public IncidentResult report(IncidentReport report) {
        validate(report);
        return start(report, null);
    }

    /**
     * Opens an incident for an escalated request and links the two: the link in {@code cf_case_link}, an event on the
     * case, and the incident's id and level in the request's process variables.
     */
    @Transactional
    public IncidentResult openForCase(CaseRecord request, IncidentReport report, String reason, String details) {
        validate(report);
        IncidentResult started = start(report, request.businessKey());
        incidents.link(request.businessKey(), started.incidentId(), reason, now());
        cases.recordEvent(request.businessKey(), CaseEventType.INCIDENT_LINKED, CaseService.SYSTEM_ACTOR,
                started.leadGroup(), "became " + report.type().code() + " incident " + started.incidentId() + " at level "
                        + started.responseLevel().name() + ": " + reason, details);
        if (request.processInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(request.processInstanceId()).count() > 0) {
            runtime.setVariables(request.processInstanceId(), Variables.createVariables()
                    .putValue("incidentId", started.incidentId())
                    .putValue("incidentResponseLevel", started.responseLevel().name()));
        }
        return find(started.incidentId()).orElseThrow();
    }

    /**
     * Passes new information to the incident's running {@code incidentResponse}, where the rules grade it again: a
     * higher level applies at once, a lower one waits for the lead's confirmation.
     *
     * @throws IncidentNotFoundException when no such incident is running
     */
    @Transactional
    public void newInformation(String incidentId, IncidentUpdate update) {
        IncidentRecord incident = incidents.find(incidentId)
                .filter(IncidentRecord::isActive)
                .orElseThrow(() -> new IncidentNotFoundException("No running incident " + incidentId));
        VariableMap variables = Variables.createVariables()
                .putValue(Vars.NEW_INFORMATION, update.information())
                .putValue(Vars.NEW_INFORMATION_SOURCE, update.source());
        if (update.fire() != null) {
            putFire(variables, update.fire());
        }
        if (update.reportedLevel() != null) {
            variables.putValue(Vars.REPORTED_LEVEL, update.reportedLevel().name());
        }
        runtime.createMessageCorrelation(IncidentResponseProcess.MESSAGE_NEW_INFORMATION)
                .processInstanceId(incident.processInstanceId())
                .setVariables(variables)
                .correlateWithResult();
    }

    public Optional<IncidentResult> find(String incidentId) {
        return incidents.find(incidentId).map(this::result);
    }

    /** The running incident a request is linked to, if any. */
    public Optional<IncidentResult> activeIncidentOf(String businessKey) {
        return incidents.activeIncidentOf(businessKey).map(this::result);
    }

    private IncidentResult start(IncidentReport report, String linkedCase) {
        OffsetDateTime at = now();
        String id = "INC-%d-%06d".formatted(at.getYear(), incidents.nextIncidentNumber());
        String district = report.divisionCode().substring(0, 6);
        incidents.insert(new IncidentRecord(id, report.type(),
                report.reportedLevel() == null ? ResponseLevel.IV : report.reportedLevel(), null, report.divisionCode(),
                district, report.source(), report.description(), IncidentRecord.ACTIVE, null, at, at, null));
        VariableMap variables = Variables.createVariables()
                .putValue(Vars.INCIDENT_ID, id)
                .putValue(Vars.INCIDENT_TYPE, report.type().code())
                .putValue(Vars.INCIDENT_TYPE_LABEL, report.type().label())
                .putValue(Vars.DIVISION_CODE, report.divisionCode())
                .putValue(Vars.DISTRICT_CODE, district)
                .putValue(Vars.DIVISION_NAME, divisions.describe(report.divisionCode()))
                .putValue(Vars.DESCRIPTION, report.description())
                .putValue(Vars.SOURCE, report.source())
                .putValue(Vars.REPORTED_AT, at.format(REPORTED_FORMAT))
                .putValue(Vars.REPORTED_LEVEL, report.reportedLevel() == null ? null : report.reportedLevel().name())
                .putValue(Vars.LINKED_CASE, linkedCase);
        if (report.fire() != null) {
            putFire(variables, report.fire());
        }
        var instance = runtime.startProcessInstanceByKey(IncidentResponseProcess.PROCESS_KEY, id, variables);
        incidents.attachProcessInstance(id, instance.getId());
        return find(id).orElseThrow();
    }

    private IncidentResult result(IncidentRecord i) {
        List<String> informed = List.of();
        if (i.isActive() && i.processInstanceId() != null) {
            Object value = runtime.createVariableInstanceQuery().processInstanceIdIn(i.processInstanceId())
                    .variableName(Vars.INFORMED_GROUPS).list().stream().findFirst().map(v -> v.getValue()).orElse(null);
            informed = value == null || value.toString().isBlank() ? List.of() : Arrays.asList(value.toString().split(",\\s*"));
        }
        return new IncidentResult(i.incidentId(), i.processInstanceId(), i.type(), i.responseLevel(), i.leadGroup(),
                informed, i.divisionCode(), i.status(), incidents.linkedCases(i.incidentId()));
    }

    private void validate(IncidentReport report) {
        List<FieldError> errors = new ArrayList<>();
        String division = report.divisionCode();
        if (division == null || !(division.matches("\\d{6}") && divisions.district(division).isPresent()
                || division.matches("\\d{9}") && divisions.subdistrict(division).isPresent())) {
            errors.add(new FieldError("divisionCode", "must be one of Chongqing's districts (6 digits) or subdistricts (9 digits)"));
        }
        if (report.source() == null || report.source().isBlank()) {
            errors.add(new FieldError("source", "is required: who reports the incident"));
        }
        if (report.description() != null && report.description().length() > 4000) {
            errors.add(new FieldError("description", "must be at most 4000 characters"));
        }
        if (report.fire() != null && report.type() != IncidentType.FIRE) {
            errors.add(new FieldError("fire", "only fire incidents have a fire situation"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidIncidentException(errors);
        }
    }

    private static void putFire(VariableMap variables, FireSituation fire) {
        variables.putValue(Vars.DEATHS, fire.deaths())
                .putValue(Vars.SERIOUS_INJURIES, fire.seriousInjuries())
                .putValue(Vars.DIRECT_LOSS_CNY, fire.directLossCny())
                .putValue(Vars.PEOPLE_TRAPPED, fire.peopleTrapped())
                .putValue(Vars.FLOORS, fire.floors())
                .putValue(Vars.HAZARDOUS_MATERIALS, fire.hazardousMaterials())
                .putValue(Vars.CROWDED_PLACE, fire.crowdedPlace());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(CaseService.ZONE)).truncatedTo(ChronoUnit.MICROS);
    }
}
