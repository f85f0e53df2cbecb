CREATE TABLE host (
    id             UUID         NOT NULL PRIMARY KEY,
    name           VARCHAR(64)  NOT NULL,
    group_name     VARCHAR(64),
    kind           VARCHAR(16)  NOT NULL,
    endpoint       VARCHAR(300) NOT NULL,
    -- CA and client certificate are public; the client key is only stored sealed (AES-256-GCM)
    tls_ca         VARCHAR(65536),
    tls_cert       VARCHAR(65536),
    tls_key_sealed VARCHAR(131072),
    tls_subject    VARCHAR(1000),
    tls_expires_at TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT host_name_unique UNIQUE (name)
);

-- One value sealed under the secret key, so a start with the wrong key fails at once.
CREATE TABLE secret_key_check (
    id     INT          NOT NULL PRIMARY KEY,
    sealed VARCHAR(200) NOT NULL
);
