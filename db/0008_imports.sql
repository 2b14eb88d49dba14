-- CSV imports of the daily inclusion list: progress and result, kept for the page and the API.
CREATE TABLE imports
(
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    file_name   text NOT NULL,
    status      text NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
    total       integer NOT NULL DEFAULT 0,
    processed   integer NOT NULL DEFAULT 0,
    accepted    integer NOT NULL DEFAULT 0,
    duplicates  integer NOT NULL DEFAULT 0,
    rejected    integer NOT NULL DEFAULT 0,
    errors      jsonb NOT NULL DEFAULT '[]',
    possible_duplicates jsonb NOT NULL DEFAULT '[]',
    rejects_csv text NULL,
    message     text NULL
);
CREATE INDEX ix_imports_created ON imports (created_at DESC);
