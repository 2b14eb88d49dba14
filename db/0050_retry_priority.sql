-- "Relance" (the retry of an unanswered call) is its own entry in the ARS priority list: first by default, so the
-- tender's "renouvelé une fois dans la journée" happens even on a busy day; the ARS may move it.
ALTER TABLE due_calls ADD COLUMN retry boolean NOT NULL DEFAULT false;

UPDATE call_priorities SET rank = rank + 1;
INSERT INTO call_priorities (milestone, rank) VALUES ('Retry', 1);

-- Lower is served first: urgent calls, then vulnerable persons (when set), then the rank of "Retry" for a retry, else
-- of the call type.
CREATE FUNCTION call_rank(m text, urgent boolean, vulnerable boolean, retry boolean) RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT (CASE WHEN urgent THEN 0 ELSE 1000 END)
         + (CASE WHEN vulnerable AND (SELECT vulnerable_first FROM queue_settings WHERE id = 1) THEN 0 ELSE 100 END)
         + COALESCE((SELECT rank FROM call_priorities WHERE milestone = CASE WHEN retry THEN 'Retry' ELSE m END),
                    (SELECT rank FROM call_priorities WHERE milestone = m), 99)
$$;
