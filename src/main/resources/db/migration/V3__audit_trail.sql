-- The audit trail: an append-only, hash-chained log (docs/audit.md). Portable between H2 and PostgreSQL; the
-- PostgreSQL trigger that refuses UPDATE and DELETE is in db/vendor/postgresql.
--
-- hash = SHA-256(prev_hash || canonical entry), hex; the first entry's prev_hash is 64 zeros.
-- seq is assigned by the writer under the lock on cf_audit_head (no sequence, so the numbering has no gaps and a
-- deleted row shows as a missing number).

CREATE TABLE cf_audit_entry (
    seq                 BIGINT        NOT NULL PRIMARY KEY,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor               VARCHAR(255)  NOT NULL,
    office              VARCHAR(64),
    business_key        VARCHAR(64),
    process_instance_id VARCHAR(64),
    action              VARCHAR(64)   NOT NULL,
    details             VARCHAR(1000000) NOT NULL,
    prev_hash           CHAR(64)      NOT NULL,
    hash                CHAR(64)      NOT NULL,
    CONSTRAINT cf_audit_entry_hash_uq UNIQUE (hash),
    CONSTRAINT cf_audit_entry_seq_ck CHECK (seq > 0)
);

CREATE INDEX cf_audit_entry_case_idx ON cf_audit_entry (business_key, seq);
CREATE INDEX cf_audit_entry_pi_idx ON cf_audit_entry (process_instance_id, seq);

-- The chain head: one row, locked (SELECT ... FOR UPDATE) by every writer for the rest of its transaction, so
-- concurrent writers on any number of nodes append one after the other and the chain never forks.
CREATE TABLE cf_audit_head (
    id   INTEGER  NOT NULL PRIMARY KEY,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL,
    CONSTRAINT cf_audit_head_single_ck CHECK (id = 1)
);

INSERT INTO cf_audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
