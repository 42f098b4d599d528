package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.escalation.FireSituation;
import org.civicflow.escalation.ResponseLevel;
import org.civicflow.escalation.incident.IncidentGrading.Grading;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the incident steps share: reading the facts from variables, applying a level, recording on the linked case. */
@Component
class IncidentSteps {

    private final IncidentGrading grading;
    private final IncidentRepository incidents;
    private final CaseService cases;
    private final Divisions divisions;
    private final ObjectMapper json;
    private final Clock clock;

    IncidentSteps(IncidentGrading grading, IncidentRepository incidents, CaseService cases, Divisions divisions,
                  ObjectMapper json, Clock clock) {
        this.grading = grading;
        this.incidents = incidents;
        this.cases = cases;
        this.divisions = divisions;
        this.json = json;
        this.clock = clock;
    }

    Grading grade(DelegateExecution execution) {
        String reportedBy = text(execution, Vars.NEW_INFORMATION_SOURCE) != null
                ? text(execution, Vars.NEW_INFORMATION_SOURCE) : text(execution, Vars.SOURCE);
        String reported = text(execution, Vars.REPORTED_LEVEL);
        return grading.grade(execution.getProcessBusinessKey(), text(execution, Vars.DIVISION_CODE), fire(execution),
                reported == null ? null : ResponseLevel.valueOf(reported), reportedBy, text(execution, Vars.LINKED_CASE),
                clock.instant());
    }

    /** Sets the level, its lead and who is informed; moves the lead's open tasks when the lead changes; records it. */
    void applyLevel(DelegateExecution execution, ResponseLevel level, String why, String actor) {
        String division = text(execution, Vars.DIVISION_CODE);
        String previousLead = text(execution, Vars.LEAD_GROUP);
        ResponseLeads.Lead lead = ResponseLeads.of(level, division);
        execution.setVariable(Vars.RESPONSE_LEVEL, level.name());
        execution.setVariable(Vars.RESPONSE_LEVEL_LABEL, ResponseLeads.label(level));
        execution.setVariable(Vars.LEAD_GROUP, lead.leadGroup());
        execution.setVariable(Vars.LEAD_OFFICE_NAME, officeName(lead.leadGroup()));
        execution.setVariable(Vars.INFORMED_GROUPS, String.join(", ", lead.informedGroups()));
        execution.setVariable(Vars.ACKNOWLEDGE_WITHIN, ResponseLeads.acknowledgeWithin(level).toString());
        incidents.updateLevel(execution.getProcessBusinessKey(), level, lead.leadGroup(), now());

        if (previousLead != null && !previousLead.equals(lead.leadGroup())) {
            TaskService tasks = execution.getProcessEngineServices().getTaskService();
            List<Task> open = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                    .taskCandidateGroup(previousLead).list();
            for (Task task : open) {
                if (task.getExecutionId().equals(execution.getId())) {
                    continue; // the task whose completion led here (a confirmed downgrade) is already done
                }
                tasks.deleteCandidateGroup(task.getId(), previousLead);
                tasks.addCandidateGroup(task.getId(), lead.leadGroup());
            }
        }
        String linked = text(execution, Vars.LINKED_CASE);
        if (linked != null) {
            String incident = execution.getProcessBusinessKey();
            cases.recordEvent(linked, CaseEventType.INCIDENT_UPDATED, actor, lead.leadGroup(),
                    "incident " + incident + " at level " + level.name() + " led by " + lead.leadGroup() + ": " + why, null);
            if (!lead.leadGroup().equals(previousLead)) {
                cases.recordEvent(linked, CaseEventType.NOTIFIED, actor, lead.leadGroup(),
                        "leads incident " + incident + " (level " + level.name() + ")", null);
            }
            for (String informed : lead.informedGroups()) {
                cases.recordEvent(linked, CaseEventType.NOTIFIED, actor, informed,
                        "informed of incident " + incident + " (level " + level.name() + ", led by " + lead.leadGroup() + ")", null);
            }
        }
    }

    void recordOnLinkedCase(DelegateExecution execution, CaseEventType type, String officeGroup, String reason,
                            Map<String, Object> details) {
        String linked = text(execution, Vars.LINKED_CASE);
        if (linked != null) {
            cases.recordEvent(linked, type, CaseService.SYSTEM_ACTOR, officeGroup, reason, details == null ? null : write(details));
        }
    }

    void close(DelegateExecution execution) {
        incidents.close(execution.getProcessBusinessKey(), now());
    }

    static Map<String, Object> ruleDetails(Grading grading) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ruleSet", grading.ruleSet());
        details.put("firedRules", grading.firedRules());
        details.put("level", grading.level().name());
        details.put("reasons", grading.reasons());
        return details;
    }

    String officeName(String group) {
        String code = Offices.divisionCodeOf(group);
        return divisions.nameOf(code) + " " + Offices.roleOf(group).label() + " (" + group + ")";
    }

    static FireSituation fire(VariableScope scope) {
        if (scope.getVariable(Vars.DEATHS) == null && scope.getVariable(Vars.PEOPLE_TRAPPED) == null
                && scope.getVariable(Vars.FLOORS) == null) {
            return null;
        }
        return new FireSituation(number(scope, Vars.DEATHS), number(scope, Vars.SERIOUS_INJURIES),
                longNumber(scope, Vars.DIRECT_LOSS_CNY), flag(scope, Vars.PEOPLE_TRAPPED), number(scope, Vars.FLOORS),
                flag(scope, Vars.HAZARDOUS_MATERIALS), flag(scope, Vars.CROWDED_PLACE));
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static int number(VariableScope scope, String name) {
        return scope.getVariable(name) instanceof Number n ? n.intValue() : 0;
    }

    private static long longNumber(VariableScope scope, String name) {
        return scope.getVariable(name) instanceof Number n ? n.longValue() : 0L;
    }

    private static boolean flag(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private String write(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return details.toString();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(CaseService.ZONE)).truncatedTo(ChronoUnit.MICROS);
    }
}
