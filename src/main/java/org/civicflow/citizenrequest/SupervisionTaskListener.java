package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Values;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.civicflow.sla.SlaStage;
import org.civicflow.engine.TaskFormRejection;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the supervisors' tasks (督办 and the extension approval): checks the form's values on the
 * server, as {@link CaseTaskListener} does for the clerks' tasks.
 */
@Component
class SupervisionTaskListener implements TaskListener {

    private static final Set<String> ACTIONS = Set.of(Values.URGE, Values.REASSIGN, Values.EXTEND, Values.TAKE_OVER);

    private final OfficeChoices offices;
    private final HandlingClock clock;

    SupervisionTaskListener(OfficeChoices offices, HandlingClock clock) {
        this.offices = offices;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        List<String> problems = switch (task.getTaskDefinitionKey()) {
            case Tasks.SUPERVISE -> supervision(task);
            case Tasks.APPROVE_EXTENSION -> extensionDecision(task);
            default -> List.of();
        };
        if (!problems.isEmpty()) {
            throw TaskFormRejection.of(task.getName(), problems);
        }
    }

    private List<String> supervision(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        String action = text(task, Vars.SUPERVISION_ACTION);
        SlaStage stage = SlaStage.fromCode((String) task.getVariable(Vars.SLA_STAGE));
        boolean lateTaskOpen = lateTaskOpen(task);
        if (!ACTIONS.contains(action)) {
            problems.add("supervisionAction: urge, reassign, extend or takeOver");
        } else if (!Values.URGE.equals(action) && !lateTaskOpen) {
            problems.add("supervisionAction: the late task is done already; only urge (a note on the case) is left");
        } else if (Values.REASSIGN.equals(action)) {
            String office = text(task, Vars.REASSIGN_TO);
            if (stage != SlaStage.SIGN_FOR && stage != SlaStage.HANDLING) {
                problems.add("supervisionAction: only a case with an office can be reassigned, not one at " + stage.code());
            } else if (office == null || office.equals(task.getVariable(Vars.LATE_OFFICE))
                    || !offices.isOfficeOfDistrict(office, (String) task.getVariable(Vars.DISTRICT_CODE))) {
                problems.add("reassignTo: choose another office of district " + task.getVariable(Vars.DISTRICT_CODE));
            }
        } else if (Values.EXTEND.equals(action)) {
            if (stage != SlaStage.HANDLING) {
                problems.add("supervisionAction: only the handling deadline can be extended, not the " + stage.code() + " one");
            } else {
                problems.addAll(clock.checkExtension(task, task.getVariable(Vars.SUPERVISION_EXTEND_UNTIL),
                        Vars.SUPERVISION_EXTEND_UNTIL, false).problems());
            }
        }
        if (text(task, Vars.SUPERVISION_NOTE) == null) {
            problems.add("supervisionNote: write the supervision note (督办意见)");
        }
        return problems;
    }

    private List<String> extensionDecision(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        String decision = text(task, Vars.EXTENSION_DECISION);
        if (!Values.APPROVE.equals(decision) && !Values.REJECT.equals(decision)) {
            problems.add("extensionDecision: approve or reject");
        } else if (Values.REJECT.equals(decision) && text(task, Vars.EXTENSION_DECISION_NOTE) == null) {
            problems.add("extensionDecisionNote: say why the extension is rejected");
        } else if (Values.APPROVE.equals(decision)) {
            // the total may have changed since it was asked (a supervisor's extension); the notice was checked then
            problems.addAll(clock.checkExtension(task, task.getVariable(Vars.EXTENSION_UNTIL), Vars.EXTENSION_UNTIL, false)
                    .problems());
        }
        return problems;
    }

    private static boolean lateTaskOpen(DelegateTask task) {
        Object id = task.getVariable(Vars.LATE_TASK_ID);
        return id != null && ProcessTasks.open(id.toString()) != null;
    }

    private static String text(DelegateTask task, String variable) {
        Object value = task.getVariable(variable);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
