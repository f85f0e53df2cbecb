-- Each host's policy on container settings that reach into the host (Host.StoredPolicy). Every host,
-- new and existing, starts denying all of them. Lists hold one entry a line.
ALTER TABLE host ADD COLUMN policy_allow_privileged BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE host ADD COLUMN policy_allow_host_mounts VARCHAR(65536) DEFAULT '' NOT NULL;
ALTER TABLE host ADD COLUMN policy_allow_capabilities VARCHAR(8192) DEFAULT '' NOT NULL;
ALTER TABLE host ADD COLUMN policy_allow_devices BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE host ADD COLUMN policy_allow_host_namespaces BOOLEAN DEFAULT FALSE NOT NULL;
