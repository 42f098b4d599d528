package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.identity.Offices;
import org.civicflow.jurisdiction.Divisions;
import org.civicflow.sla.DeadlineMetrics;
import org.civicflow.sla.SlaStage;
import org.springframework.stereotype.Component;

/**
 * First step of supervision (督办) after a deadline passed: finds the late task and office, names the supervisor one
 * level above it, records the breach on the case, counts it and queues the breach mail to the late office and the
 * supervisor ({@link MailOutbox}: one mail per recipient for a burst of breaches). What it finds is kept as variables
 * of the supervision subprocess, so the supervisor's task and form read the same values, and one case's supervisions
 * do not mix. The supervisor's answers get no empty placeholders here (ten rows for every breach, most never
 * answered in a storm): {@link ApplySupervisionDelegate} moves them onto the subprocess when they come.
 */
@Component
class RecordBreachDelegate implements JavaDelegate {

    private final CaseService cases;
    private final Divisions divisions;
    private final OfficeChoices offices;
    private final DeadlineMetrics metrics;
    private final MailOutbox mails;
    private final CaseMails addresses;

    RecordBreachDelegate(CaseService cases, Divisions divisions, OfficeChoices offices, DeadlineMetrics metrics,
                         MailOutbox mails, CaseMails addresses) {
        this.cases = cases;
        this.mails = mails;
        this.addresses = addresses;
        this.divisions = divisions;
        this.offices = offices;
        this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DeadlineTimer timer = DeadlineTimer.ofBoundaryEvent((String) execution.getVariable(Vars.DEADLINE_TIMER));
        Task late = timer.openTask(execution.getProcessInstanceId());
        String office = timer.lateOffice(execution);
        String supervisor = Offices.supervisorAbove(office);
        Date due = timer.stage() == SlaStage.HANDLING ? (Date) execution.getVariable(Vars.HANDLING_DEADLINE)
                : late == null ? null : late.getDueDate();
        String dueLabel = due == null ? "—" : HandlingClock.label(due.toInstant());
        String district = (String) execution.getVariable(Vars.DISTRICT_CODE);
        List<Map<String, String>> reassignable = timer.isWithAnOffice() && district != null
                ? offices.officeOptions(district).stream().filter(o -> !o.get("value").equals(office)).toList()
                : List.of();

        execution.setVariableLocal(Vars.SLA_STAGE, timer.stage().code());
        execution.setVariableLocal(Vars.LATE_TASK_ID, late == null ? null : late.getId());
        execution.setVariableLocal(Vars.LATE_TASK_NAME, late == null ? timer.stage().code() : late.getName());
        execution.setVariableLocal(Vars.LATE_OFFICE, office);
        execution.setVariableLocal(Vars.LATE_OFFICE_NAME, OfficeNames.of(divisions, office) + " (" + office + ")");
        execution.setVariableLocal(Vars.SUPERVISOR_GROUP, supervisor);
        execution.setVariableLocal(Vars.MISSED_DEADLINE, dueLabel);
        execution.setVariableLocal(Vars.REASSIGN_OPTIONS, offices.asFormValues(reassignable));

        cases.note(execution.getProcessBusinessKey(), CaseEventType.DEADLINE_BREACHED, office, CaseService.SYSTEM_ACTOR,
                "the " + timer.stage().code() + " deadline " + dueLabel + " passed with '"
                        + (late == null ? "the task" : late.getName()) + "' still open; escalated to " + supervisor,
                null);
        metrics.breached(timer.stage(), (String) execution.getVariable(Vars.SLA_CLASS), office);
        CaseValues values = CaseValues.of(execution, execution.getProcessBusinessKey(), cases);
        mails.queue(MailOutbox.BREACH, execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
                MailTemplates.breach(values, List.of(addresses.officeAddress(office), addresses.officeAddress(supervisor))),
                MailTemplates.breachLine(values));
    }
}
