package org.civicflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends mail through Spring Boot's {@link JavaMailSender} when an SMTP server is configured ({@code spring.mail.host});
 * without one (the default run) it writes each mail to the log instead, after one warning at start-up.
 *
 * <p>Callers are asynchronous process steps: a {@link MailException} propagates so that the engine retries the step
 * and, when the retries are used up, raises an incident in Cockpit.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;
    private final MailSettings settings;

    Mailer(ObjectProvider<JavaMailSender> sender, MailSettings settings) {
        this.sender = sender.getIfAvailable();
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenMailOnlyGoesToTheLog() {
        if (sender == null) {
            log.warn("No SMTP server configured (spring.mail.host): mails to citizens and offices are written to the "
                    + "log only, not sent");
        }
    }

    /** Whether mails really leave the application. */
    public boolean isSending() {
        return sender != null;
    }

    /**
     * Sends {@code mail}, or logs it when no SMTP server is configured.
     *
     * @throws MailException when the SMTP server refuses or cannot be reached
     */
    public void send(Mail mail) {
        if (sender == null) {
            log.info("Mail (not sent, no SMTP server) to {}: {}\n{}", mail.to(), mail.subject(), mail.body());
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(mail.to().toArray(String[]::new));
        message.setSubject(mail.subject());
        message.setText(mail.body());
        sender.send(message);
    }

    public MailSettings settings() {
        return settings;
    }
}
