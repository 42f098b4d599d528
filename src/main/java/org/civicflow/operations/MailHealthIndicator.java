package org.civicflow.operations;

import org.civicflow.citizenrequest.MailOutbox;
import org.civicflow.notification.Mailer;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailDelivery}: whether mail goes to an SMTP server or only to the log,
 * the mails that failed since start, and the mail outbox: the mails waiting in it and those of them whose sending
 * failed and will be tried again. With {@code spring.mail.host} set, Spring Boot's own {@code mail} component
 * also checks the connection to the server.
 */
@Component("mailDeliveryHealthIndicator")
class MailHealthIndicator extends AbstractHealthIndicator {

    private final Mailer mailer;
    private final CivicflowMetrics metrics;
    private final MailOutbox outbox;

    MailHealthIndicator(Mailer mailer, CivicflowMetrics metrics, MailOutbox outbox) {
        this.mailer = mailer;
        this.metrics = metrics;
        this.outbox = outbox;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("mode", mailer.isSending() ? "smtp" : "log (no spring.mail.host)")
                .withDetail("sent", (long) metrics.mailsSent())
                .withDetail("failed", (long) metrics.mailsFailed())
                .withDetail("outboxWaiting", outbox.waiting())
                .withDetail("outboxFailing", outbox.failing());
    }
}
