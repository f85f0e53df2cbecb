-- The audit trail's filters (GET /api/v1/audit?user=&host=&action=): each index ends in id, so a filtered page
-- comes newest first straight from the index. Runs unchanged on H2 and PostgreSQL.
CREATE INDEX audit_event_actor ON audit_event (actor, id);
CREATE INDEX audit_event_host ON audit_event (host_id, id);
CREATE INDEX audit_event_action ON audit_event (action, id);
