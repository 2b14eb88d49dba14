-- FollowUp's own tables. Grain state (the person's full record) lives in OrleansStorage;
-- these tables are indexes and logs written by the grains, and the staff accounts.

CREATE TABLE users
(
    user_name     text PRIMARY KEY,
    display_name  text NOT NULL,
    role          text NOT NULL CHECK (role IN ('Operator', 'Supervisor', 'Admin')),
    password_hash text NOT NULL,
    departments   text[] NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Search and schedule index of persons (one row per person, upserted by its grain).
CREATE TABLE persons
(
    id                   uuid PRIMARY KEY,
    external_id          text NOT NULL UNIQUE,
    kind                 text NOT NULL,
    first_name           text NOT NULL,
    last_name            text NOT NULL,
    phone                text NOT NULL,
    birth_date           date NULL,
    department           text NOT NULL,
    inclusion_date       date NOT NULL,
    socially_vulnerable  boolean NOT NULL,
    status               text NOT NULL,
    next_wake_at         timestamptz NULL,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_persons_next_wake ON persons (next_wake_at) WHERE next_wake_at IS NOT NULL;
CREATE INDEX ix_persons_last_name ON persons (lower(last_name));
CREATE INDEX ix_persons_phone ON persons (phone);

-- Due-call index: one row per open milestone whose call is due (or will be); the queue reads it.
CREATE TABLE due_calls
(
    person_id            uuid NOT NULL,
    milestone_id         text NOT NULL,
    milestone            text NOT NULL,
    due_at               timestamptz NOT NULL,
    urgent               boolean NOT NULL,
    socially_vulnerable  boolean NOT NULL,
    department           text NOT NULL,
    claimed_by           text NULL,
    lease_until          timestamptz NULL,
    PRIMARY KEY (person_id, milestone_id)
);
CREATE INDEX ix_due_calls_due ON due_calls (due_at);

-- Questionnaire links: only the SHA-256 of the token is kept.
CREATE TABLE questionnaire_tokens
(
    token_hash    bytea PRIMARY KEY,
    person_id     uuid NOT NULL,
    milestone_id  text NOT NULL,
    milestone     text NOT NULL,
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- SMS accepted by the built-in fake gateway (development and simulation only).
CREATE TABLE fake_sms
(
    message_id   text PRIMARY KEY,
    phone        text NOT NULL,
    text         text NOT NULL,
    accepted_at  timestamptz NOT NULL
);
CREATE INDEX ix_fake_sms_phone ON fake_sms (phone);
