-- An operator's empty "next" before db/0057 (3 statements: the account's departments, the reservation, the EXISTS run on
-- a miss), as CallQueueStore sent them; pgbench variables for the parameters (-M prepared: prepared like Npgsql does).
SELECT departments FROM users WHERE user_name = :op;
WITH pick AS (
    SELECT person_id, milestone_id FROM due_calls
    WHERE due_at <= :now::timestamptz AND (claimed_by IS NULL OR lease_until < :now::timestamptz)
      AND (cardinality(:deps::text[]) = 0 OR department = ANY(:deps::text[]))
    ORDER BY (NOT urgent AND window_start IS NOT NULL AND (:now::timestamptz AT TIME ZONE :zone)::time < window_start
              AND (:closes::time IS NULL OR window_start < :closes::time)), rank,
             (window_start IS NOT NULL AND (:now::timestamptz AT TIME ZONE :zone)::time < window_end) DESC, due_at
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
UPDATE due_calls d SET claimed_by = :op, lease_until = :lease::timestamptz
FROM pick WHERE d.person_id = pick.person_id AND d.milestone_id = pick.milestone_id
RETURNING d.person_id, d.milestone_id;
SELECT EXISTS (SELECT 1 FROM due_calls WHERE due_at <= :now::timestamptz AND (claimed_by IS NULL OR lease_until < :now::timestamptz)
  AND (cardinality(:deps::text[]) = 0 OR department = ANY(:deps::text[])));
