-- Who may do what: custom roles (the built-in ones live in code), teams, and bindings of a user or a team
-- to a role at a scope. Runs unchanged on H2 and PostgreSQL.

CREATE TABLE access_role (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    description VARCHAR(500),
    -- permission keys, comma-separated, such as 'container.read,container.logs'
    permissions VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE team (
    id         UUID         NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT team_name_unique UNIQUE (name)
);

CREATE TABLE team_member (
    team_id    UUID    NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id    UUID    NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    team_admin BOOLEAN NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_member_user ON team_member (user_id);

-- subject_id names a user or a team (by subject_type), so the application deletes a subject's bindings with
-- it. scope_id is a group name or a host id, and '' for global, so the unique constraint covers global too.
CREATE TABLE access_binding (
    id           UUID         NOT NULL PRIMARY KEY,
    subject_type VARCHAR(8)   NOT NULL,
    subject_id   UUID         NOT NULL,
    role_name    VARCHAR(64)  NOT NULL,
    scope_type   VARCHAR(8)   NOT NULL,
    scope_id     VARCHAR(100) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    CONSTRAINT access_binding_unique UNIQUE (subject_type, subject_id, role_name, scope_type, scope_id)
);
CREATE INDEX access_binding_subject ON access_binding (subject_type, subject_id);
