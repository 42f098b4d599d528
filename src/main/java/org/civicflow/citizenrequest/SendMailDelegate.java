package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.cases.CaseService;
import org.civicflow.notification.Mail;
import org.civicflow.sla.ProcessDeadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The process's mail steps: the input parameter {@value Vars#MAIL_TEMPLATE} names the mail.
 * <ul>
 *   <li>{@code receipt} to the reporter and {@code dispatched} to the office the case reached for sign-for are queued in
 *       the {@link MailOutbox}, in the step's transaction (a step of the intake, so no engine job per mail); the outbox
 *       sends them within seconds and retries what SMTP refuses. The receipt needs the reporter's address.</li>
 *   <li>{@code reply} and {@code callBackInvitation} to the reporter (nothing without an address), and
 *       {@code supervision} to the office the supervisor's decision concerns, are sent by the step itself, which is
 *       {@code camunda:asyncBefore} with a retry cycle.</li>
 *   <li>Breach mails are not a step: they are queued with the breach ({@link RecordBreachDelegate}). {@code breach}
 *       remains for instances started on an earlier version of the process, whose breach mail step sends only what was
 *       not queued.</li>
 * </ul>
 * Instances started on earlier versions of the process run their receipt and dispatch steps as jobs; those queue too.
 */
@Component
class SendMailDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendMailDelegate.class);

    private final CaseMails mails;
    private final MailOutbox outbox;
    private final ProcessDeadlines deadlines;
    private final CaseService cases;

    SendMailDelegate(CaseMails mails, MailOutbox outbox, ProcessDeadlines deadlines, CaseService cases) {
        this.mails = mails;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = (String) execution.getVariable(Vars.MAIL_TEMPLATE);
        String businessKey = execution.getProcessBusinessKey();
        CaseValues values = CaseValues.of(execution, businessKey, cases);
        String reporter = values.reporterEmail();
        switch (template) {
            case MailOutbox.RECEIPT -> {
                if (reporter != null) {
                    Mail receipt = MailTemplates.receipt(values, reporter);
                    outbox.queue(MailOutbox.RECEIPT, businessKey, execution.getProcessInstanceId(), receipt,
                            receipt.subject());
                    return;
                }
            }
            case MailOutbox.DISPATCHED -> {
                String due = signForDue(execution);
                outbox.queue(MailOutbox.DISPATCHED, businessKey, execution.getProcessInstanceId(),
                        MailTemplates.dispatched(values, List.of(mails.officeAddress(dispatchedTo(execution))),
                                due),
                        MailTemplates.dispatchedLine(values, due));
                return;
            }
            default -> {
                Mail mail = sentByTheStep(template, reporter, values, execution);
                if (mail != null) {
                    mails.send(businessKey, template, mail);
                    return;
                }
            }
        }
        log.debug("{}: no mail address for the {} mail", businessKey, template);
    }

    private Mail sentByTheStep(String template, String reporter, CaseValues values, DelegateExecution execution) {
        return switch (template) {
            case "reply" -> reporter == null ? null : MailTemplates.reply(values, reporter);
            case "callBackInvitation" -> reporter == null ? null : MailTemplates.callBackInvitation(
                    values, reporter, dueOf(execution, Tasks.CALL_BACK));
            // the breach mail step of instances started before breach mails were queued
            case MailOutbox.BREACH -> outbox.mailedSinceLatestBreach(execution.getProcessBusinessKey()) ? null
                    : MailTemplates.breach(values, List.of(
                            mails.officeAddress((String) execution.getVariable(Vars.LATE_OFFICE)),
                            mails.officeAddress((String) execution.getVariable(Vars.SUPERVISOR_GROUP))));
            case "supervision" -> MailTemplates.supervision(values,
                    List.of(mails.officeAddress((String) execution.getVariable(Vars.SUPERVISION_MAIL_TO))));
            default -> throw new IllegalArgumentException("unknown mail template '" + template + "'");
        };
    }

    /** The office the case was dispatched to: the path's own on earlier versions of the process, else the handler. */
    private static String dispatchedTo(DelegateExecution execution) {
        Object onThePath = execution.getVariable(Vars.DISPATCHED_TO);
        return (String) (onThePath != null ? onThePath : execution.getVariable(Vars.HANDLER_GROUP));
    }

    /**
     * When the case must be signed for: the sign-for task's due date once it exists (a queued notice is rendered again
     * when it is sent), else as the task will have it.
     */
    private String signForDue(DelegateExecution execution) {
        Task task = ProcessTasks.withKey(execution.getProcessInstanceId(), List.of(Tasks.SIGN_FOR));
        Date due = task != null ? task.getDueDate()
                : deadlines.due("sign-for", (String) execution.getVariable(Vars.SLA_CLASS));
        return due == null ? "—" : HandlingClock.label(due.toInstant());
    }

    /** The due date of the case's open task {@code taskKey}, or "—" once it is done. */
    private static String dueOf(DelegateExecution execution, String taskKey) {
        Task task = ProcessTasks.withKey(execution.getProcessInstanceId(), List.of(taskKey));
        return task == null || task.getDueDate() == null ? "—" : HandlingClock.label(task.getDueDate().toInstant());
    }
}
