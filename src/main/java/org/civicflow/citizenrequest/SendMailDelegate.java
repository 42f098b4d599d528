package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Tasks;
import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.notification.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The process's mail steps ({@code camunda:asyncBefore} with a retry cycle): the input parameter
 * {@value Vars#MAIL_TEMPLATE} names the mail — {@code receipt}, {@code reply} and {@code callBackInvitation} to the
 * reporter (nothing without an address), {@code dispatched} to the office the case reached for sign-for,
 * {@code supervision} to the office the supervisor's decision concerns. Breach mails are not a step: they are queued
 * with the breach and sent per recipient ({@link BreachMails}); {@code breach} remains for instances started on an
 * earlier version of the process, whose breach mail step sends only what was not queued.
 */
@Component
class SendMailDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendMailDelegate.class);

    private final CaseMails mails;
    private final BreachMails breachMails;

    SendMailDelegate(CaseMails mails, BreachMails breachMails) {
        this.mails = mails;
        this.breachMails = breachMails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = (String) execution.getVariable(Vars.MAIL_TEMPLATE);
        String reporter = (String) execution.getVariable(Vars.REPORTER_EMAIL);
        Mail mail = switch (template) {
            case "receipt" -> reporter == null ? null : MailTemplates.receipt(execution, reporter);
            case "reply" -> reporter == null ? null : MailTemplates.reply(execution, reporter);
            case "callBackInvitation" -> reporter == null ? null
                    : MailTemplates.callBackInvitation(execution, reporter, dueOf(execution, Tasks.CALL_BACK));
            // the breach mail step of instances started before breach mails were queued (BreachMails)
            case "breach" -> breachMails.mailedSinceLatestBreach(execution.getProcessBusinessKey()) ? null
                    : MailTemplates.breach(execution, List.of(
                            mails.officeAddress((String) execution.getVariable(Vars.LATE_OFFICE)),
                            mails.officeAddress((String) execution.getVariable(Vars.SUPERVISOR_GROUP))));
            case "dispatched" -> MailTemplates.dispatched(execution,
                    List.of(mails.officeAddress((String) execution.getVariable(Vars.DISPATCHED_TO))),
                    dueOf(execution, Tasks.SIGN_FOR));
            case "supervision" -> MailTemplates.supervision(execution,
                    List.of(mails.officeAddress((String) execution.getVariable(Vars.SUPERVISION_MAIL_TO))));
            default -> throw new IllegalArgumentException("unknown mail template '" + template + "'");
        };
        if (mail == null) {
            log.debug("{}: no mail address for the {} mail", execution.getProcessBusinessKey(), template);
            return;
        }
        mails.send(execution.getProcessBusinessKey(), template, mail);
    }

    /** The due date of the case's open task {@code taskKey}, or "—" once it is done. */
    private static String dueOf(DelegateExecution execution, String taskKey) {
        Task task = ProcessTasks.withKey(execution.getProcessInstanceId(), List.of(taskKey));
        return task == null || task.getDueDate() == null ? "—" : HandlingClock.label(task.getDueDate().toInstant());
    }
}
