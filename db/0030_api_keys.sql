-- Named, scoped API keys (issue 14). Only the SHA-256 of a key is kept; the key is shown once at creation.
CREATE TABLE api_keys
(
    id           uuid PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    scopes       text[] NOT NULL,
    key_hash     bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
