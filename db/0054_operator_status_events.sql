-- Operator status changes (issue 16 §7, staffing "actual"): written by OperatorGrain at each change (offline,
-- available, onCall, wrapUp, pause), read per day and hour for the weekly page. No personal data of persons.
CREATE TABLE operator_status_events
(
    id           bigserial PRIMARY KEY,
    operator_id  text        NOT NULL,
    at           timestamptz NOT NULL,
    status       text        NOT NULL,
    pause_reason text        NULL
);
CREATE INDEX ix_operator_status_events_at ON operator_status_events (at);
CREATE INDEX ix_operator_status_events_operator ON operator_status_events (operator_id, at DESC);
