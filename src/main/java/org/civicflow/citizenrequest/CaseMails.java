package org.civicflow.citizenrequest;

import java.util.List;

import org.civicflow.cases.CaseEventType;
import org.civicflow.cases.CaseService;
import org.civicflow.notification.Mail;
import org.civicflow.notification.Mailer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a case's mail and records it on the case's timeline: {@code MAIL_SENT} with the step, or {@code MAIL_FAILED}
 * when SMTP fails. The failure is recorded in a transaction of its own, because the step's transaction rolls back so
 * the engine can retry it; the exception is rethrown for that.
 */
@Component
class CaseMails {

    private final Mailer mailer;
    private final CaseService cases;
    private final TransactionTemplate separately;

    CaseMails(Mailer mailer, CaseService cases, PlatformTransactionManager transactions) {
        this.mailer = mailer;
        this.cases = cases;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void send(String businessKey, String purpose, Mail mail) {
        String recipients = String.join(", ", mail.to());
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            separately.executeWithoutResult(status -> cases.note(businessKey, CaseEventType.MAIL_FAILED, null,
                    CaseService.SYSTEM_ACTOR, purpose + " mail to " + recipients + " failed, will be retried: " + e.getMessage(),
                    mail.subject()));
            throw e;
        }
        noteSent(businessKey, purpose, mail.to(), mail.subject());
    }

    /** Records on the case's timeline that its {@code purpose} mail went to the recipients (or to the log). */
    void noteSent(String businessKey, String purpose, List<String> recipients, String subject) {
        cases.note(businessKey, CaseEventType.MAIL_SENT, null, CaseService.SYSTEM_ACTOR, purpose + " mail to "
                + String.join(", ", recipients)
                + (mailer.isSending() ? "" : " (written to the log: no SMTP server configured)"), subject);
    }

    String officeAddress(String groupId) {
        return mailer.settings().officeAddress(groupId);
    }
}
