-- A round of the mail outbox sends in one transaction and records on the cases' timelines in smaller ones after it
-- (org.civicflow.citizenrequest.MailOutbox): a row that went is marked sent, and stays until its MAIL_SENT is recorded.
-- Portable between H2 and PostgreSQL.

ALTER TABLE cf_mail_outbox ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
