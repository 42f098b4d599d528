package org.civicflow.citizenrequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the waiting breach mails every {@code civicflow.mail.breach-digest.interval} (10 s by default), on every node.
 * Off with {@code civicflow.mail.breach-digest.scheduled=false} (the tests call {@link BreachMails#sendDue()} when they
 * mean to).
 */
@Component
@ConditionalOnProperty(name = "civicflow.mail.breach-digest.scheduled", havingValue = "true", matchIfMissing = true)
class BreachMailSchedule {

    private static final Logger log = LoggerFactory.getLogger(BreachMailSchedule.class);

    private final BreachMails mails;

    BreachMailSchedule(BreachMails mails) {
        this.mails = mails;
    }

    @Scheduled(initialDelayString = "${civicflow.mail.breach-digest.interval:PT10S}",
            fixedDelayString = "${civicflow.mail.breach-digest.interval:PT10S}")
    void sendDue() {
        try {
            mails.sendDue();
        } catch (RuntimeException e) { // the database is away: the rows stay, the next round tries again
            log.error("Sending the waiting breach mails failed; the next round tries again", e);
        }
    }
}
