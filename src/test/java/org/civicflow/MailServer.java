package org.civicflow;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on the port {@code application-test.yml} gives {@code spring.mail}, for the test
 * classes that send mail: {@code @RegisterExtension static GreenMailExtension smtp = MailServer.start();}. A fresh
 * mailbox for every test method.
 */
public final class MailServer {

    public static final int PORT = 3925;

    private MailServer() {
    }

    public static GreenMailExtension start() {
        return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** The recipients of a received mail, for assertions. */
    public static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
