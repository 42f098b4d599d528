package org.civicflow.escalation.incident;

import static org.civicflow.escalation.incident.IncidentResponseProcess.Elements;
import static org.civicflow.escalation.incident.IncidentResponseProcess.Values;
import static org.civicflow.escalation.incident.IncidentResponseProcess.Vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.civicflow.cases.CaseService;
import org.springframework.stereotype.Component;

/**
 * Checks on the server what the incident forms require, so the engine REST API cannot bypass the forms' validation;
 * records who acknowledged.
 */
@Component
class IncidentTaskListener implements TaskListener {

    private static final Map<String, List<String>> REQUIRED = Map.of(
            Elements.HANDLE_ON_SCENE, List.of(Vars.SCENE_ACTIONS),
            Elements.CONFIRM_RESOLUTION, List.of(Vars.RESOLUTION_SUMMARY),
            Elements.AFTER_ACTION_REPORT, List.of(Vars.AFTER_ACTION_REPORT, Vars.LESSONS_LEARNED));

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String variable : REQUIRED.getOrDefault(task.getTaskDefinitionKey(), List.of())) {
            if (IncidentSteps.text(task, variable) == null) {
                problems.add(variable + ": is required");
            }
        }
        if (Elements.ACKNOWLEDGE.equals(task.getTaskDefinitionKey())) {
            task.setVariable(Vars.ACKNOWLEDGED_BY, actor(task));
        }
        if (Elements.CONFIRM_DOWNGRADE.equals(task.getTaskDefinitionKey())) {
            String confirmed = IncidentSteps.text(task, Vars.DOWNGRADE_CONFIRMED);
            if (!Set.of(Values.YES, Values.NO).contains(confirmed)) {
                problems.add(Vars.DOWNGRADE_CONFIRMED + ": yes or no");
            } else if (IncidentSteps.text(task, Vars.DOWNGRADE_NOTE) == null) {
                problems.add(Vars.DOWNGRADE_NOTE + ": say why");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("Cannot complete '" + task.getName() + "': " + String.join("; ", problems));
        }
    }

    private static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? CaseService.SYSTEM_ACTOR : authentication.getUserId();
    }
}
