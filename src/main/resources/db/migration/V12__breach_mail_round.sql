-- One breach mail round at a time across all nodes (org.civicflow.citizenrequest.BreachMails): a round first takes
-- this row with FOR UPDATE SKIP LOCKED and, if another node holds it, leaves the mails to that round. Claiming mail
-- rows one by one instead let two nodes split a case's two mails between them (two MAIL_SENT events, two digests).

CREATE TABLE cf_breach_mail_round (
    id INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO cf_breach_mail_round (id) VALUES (1);
