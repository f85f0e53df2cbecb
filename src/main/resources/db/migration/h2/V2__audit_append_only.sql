-- H2 has no procedural language: a Java trigger refuses every change to an audit row.
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE, DELETE ON audit_event
    FOR EACH ROW CALL 'dev.wharf.audit.internal.AppendOnlyTrigger';

-- H2's TRUNCATE skips row triggers but refuses a table that a foreign key references, so this empty
-- table exists only to make TRUNCATE audit_event fail too.
CREATE TABLE audit_event_truncate_guard (
    audit_event_id BIGINT REFERENCES audit_event (id)
);
