-- The breach-mail table becomes the outbox of every mail a case's process queues: breach mails (rendered when the
-- breach is recorded, as before) and, new, the receipt to the reporter and the dispatch notice to the office, which
-- org.civicflow.citizenrequest.MailOutbox renders when it sends them, from the case as it is then. `template` says
-- which mail a row is; existing rows are breach mails. Rows rendered at sending have no subject, body or summary.
-- Portable between H2 and PostgreSQL.

ALTER TABLE cf_breach_mail RENAME TO cf_mail_outbox;
ALTER INDEX cf_breach_mail_due_idx RENAME TO cf_mail_outbox_due_idx;
ALTER TABLE cf_mail_outbox ADD COLUMN template VARCHAR(40) DEFAULT 'breach' NOT NULL;
ALTER TABLE cf_mail_outbox ALTER COLUMN template DROP DEFAULT;
ALTER TABLE cf_mail_outbox ALTER COLUMN subject DROP NOT NULL;
ALTER TABLE cf_mail_outbox ALTER COLUMN body DROP NOT NULL;
ALTER TABLE cf_mail_outbox ALTER COLUMN summary DROP NOT NULL;

ALTER TABLE cf_breach_mail_round RENAME TO cf_mail_round;
