/**
 * Mail to citizens and offices: {@link org.civicflow.notification.Mailer} over Spring Boot's mail starter, office
 * addresses from {@link org.civicflow.notification.MailSettings}. Process steps that send mail run asynchronously with
 * a retry cycle, so an SMTP outage delays mail but never blocks or loses a case.
 */
package org.civicflow.notification;
