-- An operator's empty "next" since db/0057: one statement, a copy of CallQueueStore.TryReserveNextCallAsync's (Waiting on
-- ix_due_calls_free_at's expression, the departments read from users, the waiting check ordered by the index).
WITH deps AS (
    SELECT coalesce(NULL::text[], (SELECT departments FROM users WHERE user_name = :op), ARRAY[]::text[]) AS list),
pick AS (
    SELECT person_id, milestone_id FROM due_calls
    WHERE (CASE WHEN claimed_by IS NULL THEN due_at ELSE greatest(due_at, lease_until) END) <= :now::timestamptz
      AND (claimed_by IS NULL OR lease_until < :now::timestamptz)
      AND ((SELECT cardinality(list) = 0 FROM deps) OR department = ANY((SELECT list FROM deps)::text[]))
    ORDER BY (NOT urgent AND window_start IS NOT NULL AND (:now::timestamptz AT TIME ZONE :zone)::time < window_start
              AND (:closes::time IS NULL OR window_start < :closes::time)), rank,
             (window_start IS NOT NULL AND (:now::timestamptz AT TIME ZONE :zone)::time < window_end) DESC, due_at
    LIMIT 1
    FOR UPDATE SKIP LOCKED),
reserved AS (
    UPDATE due_calls d SET claimed_by = :op, lease_until = :lease::timestamptz
    FROM pick WHERE d.person_id = pick.person_id AND d.milestone_id = pick.milestone_id
    RETURNING d.person_id, d.milestone_id)
SELECT person_id, milestone_id, false FROM reserved
UNION ALL
SELECT NULL, NULL, coalesce((SELECT true FROM due_calls
    WHERE (CASE WHEN claimed_by IS NULL THEN due_at ELSE greatest(due_at, lease_until) END) <= :now::timestamptz
      AND (claimed_by IS NULL OR lease_until < :now::timestamptz)
      AND ((SELECT cardinality(list) = 0 FROM deps) OR department = ANY((SELECT list FROM deps)::text[]))
    ORDER BY (CASE WHEN claimed_by IS NULL THEN due_at ELSE greatest(due_at, lease_until) END) LIMIT 1), false)
WHERE NOT EXISTS (SELECT 1 FROM reserved);
