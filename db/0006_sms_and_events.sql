-- SMS handed to the operator: maps the operator's id to our message, for delivery reports (and the daily report).
CREATE TABLE sms_messages
(
    message_id      text PRIMARY KEY,
    person_id       uuid NOT NULL,
    milestone_id    text NOT NULL,
    provider_id     text NULL,
    sent_at         timestamptz NOT NULL,
    delivered_at    timestamptz NULL,
    delivery_status text NULL
);
CREATE INDEX sms_messages_provider ON sms_messages (provider_id);

-- Append-only person events (the timeline, durable and queryable): the daily report is computed from them.
-- seq is the entry's index in the person's timeline, so republishing is idempotent.
CREATE TABLE person_events
(
    person_id  uuid NOT NULL,
    seq        integer NOT NULL,
    at         timestamptz NOT NULL,
    event      text NOT NULL,
    actor      text NOT NULL,
    detail     text NULL,
    PRIMARY KEY (person_id, seq)
);
CREATE INDEX person_events_at ON person_events (at, event);
