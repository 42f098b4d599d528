package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.springframework.stereotype.Component;

/**
 * Step "remind the office" after a 75% timer: records the reminder on the case and mails the late office. Nothing
 * happens when the task was done in the meantime (the step is asynchronous).
 */
@Component
class SendReminderDelegate implements JavaDelegate {

    private final CaseService cases;
    private final CaseMails mails;

    SendReminderDelegate(CaseService cases, CaseMails mails) {
        this.cases = cases;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DeadlineTimer timer = DeadlineTimer.ofBoundaryEvent((String) execution.getVariable(Vars.DEADLINE_TIMER));
        Task task = timer.openTask(execution.getProcessInstanceId());
        if (task == null) {
            return;
        }
        String office = timer.lateOffice(execution);
        String due = task.getDueDate() == null ? "—" : HandlingClock.label(task.getDueDate().toInstant());
        String key = execution.getProcessBusinessKey();
        cases.note(key, CaseEventType.DEADLINE_REMINDER, office, CaseService.SYSTEM_ACTOR,
                "75% of the " + timer.stage().code() + " time used: '" + task.getName() + "' is due " + due, null);
        mails.send(key, "reminder", MailTemplates.reminder(CaseValues.of(execution, key, cases), List.of(mails.officeAddress(office)),
                task.getName(), due));
    }
}
