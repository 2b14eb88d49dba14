-- Daily reports as generated after the day's closing and kept (what was sent to the ARS).
CREATE TABLE daily_reports
(
    date         date PRIMARY KEY,
    generated_at timestamptz NOT NULL DEFAULT now(),
    report       jsonb NOT NULL
);
