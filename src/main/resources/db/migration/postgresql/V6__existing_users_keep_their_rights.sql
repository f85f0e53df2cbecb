-- Before roles existed every signed-in user could do everything: users of an existing installation keep
-- that as a global admin binding, so an upgrade locks nobody out (an admin narrows them afterwards).
INSERT INTO access_binding (id, subject_type, subject_id, role_name, scope_type, scope_id, created_at, created_by)
SELECT gen_random_uuid(), 'user', id, 'admin', 'global', '', CURRENT_TIMESTAMP, 'upgrade' FROM user_account WHERE enabled = TRUE;
