package org.civicflow.notification;

import java.util.List;

/** One plain-text mail: recipients, subject and body, both bilingual (中文 first, then English). */
public record Mail(List<String> to, String subject, String body) {

    public Mail {
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
    }
}
