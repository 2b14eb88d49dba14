-- Staff access security (issue 14): account state, server-side sessions, sign-in history, shared Data Protection keys.
ALTER TABLE users
    ADD COLUMN disabled             boolean NOT NULL DEFAULT false,
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN failed_logins        integer NOT NULL DEFAULT 0,
    ADD COLUMN locked_until         timestamptz,
    ADD COLUMN security_stamp       uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN totp_secret          text,
    ADD COLUMN totp_last_step       bigint,
    ADD COLUMN recovery_codes       text[] NOT NULL DEFAULT '{}';

-- One row per signed-in browser: the cookie names its id; logout, an Admin change or a timeout ends it.
CREATE TABLE staff_sessions
(
    id             uuid PRIMARY KEY,
    user_name      text NOT NULL REFERENCES users (user_name) ON DELETE CASCADE,
    security_stamp uuid NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    ended_at       timestamptz,
    ip             text
);
CREATE INDEX staff_sessions_open ON staff_sessions (user_name) WHERE ended_at IS NULL;

-- Sign-in attempts on existing accounts (shown on "Mon compte").
CREATE TABLE staff_sign_ins
(
    id        bigserial PRIMARY KEY,
    user_name text NOT NULL REFERENCES users (user_name) ON DELETE CASCADE,
    at        timestamptz NOT NULL DEFAULT now(),
    ip        text,
    succeeded boolean NOT NULL
);
CREATE INDEX staff_sign_ins_user ON staff_sign_ins (user_name, at DESC);

-- ASP.NET Core Data Protection key ring, shared by every web node (cookies and antiforgery tokens).
CREATE TABLE data_protection_keys
(
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
