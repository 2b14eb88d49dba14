-- 250,000 future calls (the wave's J2 calls, due 4 h after their SMS), 100 calls held by operators (live leases).
TRUNCATE due_calls;
INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, rank)
SELECT gen_random_uuid(), 'J2', 'J2', timestamptz '2026-11-26 14:00+00' + (i % 900) * interval '1 second', false, i % 10 = 0,
       (ARRAY['04','05','06','13','83','84'])[1 + i % 6], call_rank('J2', false, i % 10 = 0, false)
FROM generate_series(1, 250000) i;
INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, claimed_by, lease_until, rank)
SELECT gen_random_uuid(), 'J2', 'J2', timestamptz '2026-11-26 09:00+00', false, false, '13', 'held-' || i,
       timestamptz '2026-11-26 10:15+00', call_rank('J2', false, false, false)
FROM generate_series(1, 100) i;
INSERT INTO users (user_name, display_name, role, password_hash, departments)
SELECT 'op-' || i, 'op', 'Operator', 'x', CASE WHEN i % 2 = 0 THEN '{83}'::text[] ELSE '{}' END FROM generate_series(1, 100) i
ON CONFLICT DO NOTHING;
VACUUM ANALYZE due_calls;
VACUUM ANALYZE users;
