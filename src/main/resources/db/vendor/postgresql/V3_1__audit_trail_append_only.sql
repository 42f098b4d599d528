-- PostgreSQL only: the database itself refuses to change or remove audit entries, and lets the chain head move
-- only one step forward onto an entry that exists. (H2 is the embedded demo database and has no such guard.)

CREATE FUNCTION cf_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cf_audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER cf_audit_entry_append_only
    BEFORE UPDATE OR DELETE ON cf_audit_entry
    FOR EACH ROW EXECUTE FUNCTION cf_audit_refuse_change();

CREATE TRIGGER cf_audit_entry_no_truncate
    BEFORE TRUNCATE ON cf_audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION cf_audit_refuse_change();

CREATE FUNCTION cf_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'cf_audit_head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
       OR NOT EXISTS (SELECT 1 FROM cf_audit_entry e
                      WHERE e.seq = NEW.seq AND e.hash = NEW.hash AND e.prev_hash = OLD.hash) THEN
        RAISE EXCEPTION 'cf_audit_head moves only one entry forward (from % to %)', OLD.seq, NEW.seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cf_audit_head_forward_only
    BEFORE UPDATE OR DELETE ON cf_audit_head
    FOR EACH ROW EXECUTE FUNCTION cf_audit_head_forward_only();

CREATE TRIGGER cf_audit_head_no_truncate
    BEFORE TRUNCATE ON cf_audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION cf_audit_refuse_change();
