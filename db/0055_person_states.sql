-- The person grain's state (its full record, readable JSON as Orleans' storage held it), written through the silo's
-- group commit together with the person's other rows (token, SMS record, index), so a wake costs at most two commits
-- shared with other persons. version is the optimistic-concurrency check (a write that lost changes no row).
-- Persons written before this table keep their row in OrleansStorage until their next write moves it here.
CREATE TABLE person_states
(
    id         uuid PRIMARY KEY,
    state      jsonb NOT NULL,
    version    bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
