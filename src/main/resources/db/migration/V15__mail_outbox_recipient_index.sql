-- A mail outbox round sends all that waits for an office once the office's first mail is due
-- (civicflow.mail.outbox.office-window); this index finds, for each waiting row, whether its office has a due one.
CREATE INDEX cf_mail_outbox_recipient_idx ON cf_mail_outbox (template, recipient, next_attempt_at);
