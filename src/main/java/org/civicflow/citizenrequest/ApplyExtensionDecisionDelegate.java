package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Values;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.springframework.stereotype.Component;

/**
 * Step after the supervisor decided on an extension (延期): on approval the handling clock moves to the new deadline
 * (timers, task dates); either way the decision is recorded and the handler gets the case back.
 */
@Component
class ApplyExtensionDecisionDelegate implements JavaDelegate {

    private final CaseService cases;
    private final HandlingClock clock;

    ApplyExtensionDecisionDelegate(CaseService cases, HandlingClock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        String handler = (String) execution.getVariable(Vars.HANDLER_GROUP);
        String note = (String) execution.getVariable(Vars.EXTENSION_DECISION_NOTE);
        String actor = Actors.current(execution);
        if (Values.APPROVE.equals(execution.getVariable(Vars.EXTENSION_DECISION))) {
            HandlingClock.ExtensionCheck extension = clock.checkExtension(execution,
                    execution.getVariable(Vars.EXTENSION_UNTIL), Vars.EXTENSION_UNTIL, false);
            clock.extend(execution, extension.newDeadline(), extension.workingDays());
            cases.note(key, CaseEventType.EXTENSION_APPROVED, handler, actor, "extension by " + extension.workingDays()
                    + " working day(s) approved: now due " + HandlingClock.label(extension.newDeadline())
                    + (note == null ? "" : ": " + note), null);
        } else {
            cases.note(key, CaseEventType.EXTENSION_REJECTED, handler, actor, "extension rejected: " + note
                    + "; still due " + HandlingClock.label(clock.deadline(execution)), null);
        }
        for (String variable : List.of(Vars.HANDLING_ACTION, Vars.EXTENSION_DECISION, Vars.EXTENSION_DECISION_NOTE,
                Vars.EXTENSION_REASON, Vars.EXTENSION_UNTIL, Vars.EXTENSION_REQUESTED_LABEL, Vars.EXTENSION_REQUESTED_DAYS,
                Vars.EXTENSION_REQUESTED_DEADLINE)) {
            execution.removeVariable(variable);
        }
    }
}
