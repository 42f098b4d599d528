package org.civicflow.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail settings under {@code civicflow.mail}; the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from                 the sender of every mail
 * @param officeAddressPattern an office's address, {@code {group}} standing for its group id
 *                             ({@code 500103003-handler}); a real deployment points this at the government mail system
 */
@ConfigurationProperties("civicflow.mail")
public record MailSettings(String from, String officeAddressPattern) {

    static final String DEFAULT_FROM = "12345@civicflow.example";
    static final String DEFAULT_OFFICE_PATTERN = "{group}@offices.civicflow.example";

    public MailSettings {
        from = from == null || from.isBlank() ? DEFAULT_FROM : from;
        officeAddressPattern = officeAddressPattern == null || officeAddressPattern.isBlank()
                ? DEFAULT_OFFICE_PATTERN : officeAddressPattern;
        if (!officeAddressPattern.contains("{group}")) {
            throw new IllegalArgumentException("civicflow.mail.office-address-pattern must contain {group}, was '"
                    + officeAddressPattern + "'");
        }
    }

    /** The mail address of an office group. */
    public String officeAddress(String groupId) {
        return officeAddressPattern.replace("{group}", groupId);
    }
}
