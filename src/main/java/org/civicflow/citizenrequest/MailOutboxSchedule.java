package org.civicflow.citizenrequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the waiting mails every {@code civicflow.mail.outbox.interval} (1 s by default), on every node. Off with
 * {@code civicflow.mail.outbox.scheduled=false} (the tests call {@link MailOutbox#sendDue()} when they mean to).
 */
@Component
@ConditionalOnProperty(name = "civicflow.mail.outbox.scheduled", havingValue = "true", matchIfMissing = true)
class MailOutboxSchedule {

    private static final Logger log = LoggerFactory.getLogger(MailOutboxSchedule.class);

    private final MailOutbox mails;

    MailOutboxSchedule(MailOutbox mails) {
        this.mails = mails;
    }

    @Scheduled(initialDelayString = "${civicflow.mail.outbox.interval:PT1S}",
            fixedDelayString = "${civicflow.mail.outbox.interval:PT1S}")
    void sendDue() {
        try {
            mails.sendDue();
        } catch (RuntimeException e) { // the database is away: the rows stay, the next round tries again
            log.error("Sending the waiting mails failed; the next round tries again", e);
        }
    }
}
