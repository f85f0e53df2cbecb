-- Automation accounts hold tokens but never sign in. A token may be narrower than its owner: a subset of
-- permissions (space-separated keys) and of scopes (space-separated 'global', 'group:<name>', 'host:<id>');
-- null means no limit beyond the owner's own rights.
ALTER TABLE user_account ADD COLUMN automation BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE api_token ADD COLUMN permissions VARCHAR(2000);
ALTER TABLE api_token ADD COLUMN scopes VARCHAR(4000);
