package org.civicflow.operations;

import org.civicflow.notification.Mailer;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailDelivery}: whether mail goes to an SMTP server or only to the log,
 * and the mails that failed since start. With {@code spring.mail.host} set, Spring Boot's own {@code mail} component
 * also checks the connection to the server.
 */
@Component("mailDeliveryHealthIndicator")
class MailHealthIndicator extends AbstractHealthIndicator {

    private final Mailer mailer;
    private final CivicflowMetrics metrics;

    MailHealthIndicator(Mailer mailer, CivicflowMetrics metrics) {
        this.mailer = mailer;
        this.metrics = metrics;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("mode", mailer.isSending() ? "smtp" : "log (no spring.mail.host)")
                .withDetail("sent", (long) metrics.mailsSent())
                .withDetail("failed", (long) metrics.mailsFailed());
    }
}
