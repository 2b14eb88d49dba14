-- An operator's "next" with nothing waiting stays cheap when due_calls holds a wave's calls not due yet (250,000 fall due
-- 4 hours after their SMS). A call is waiting for an operator at t when it is due and in no operator's hands:
--     due_at <= t AND (claimed_by IS NULL OR lease_until < t)
-- which is exactly: free_at <= t AND (claimed_by IS NULL OR lease_until < t), where free_at (below) is the first instant
-- the call can be taken: its due time if unclaimed, else the later of its due time and the end of its lease. The queue's
-- queries (CallQueueStore.Waiting) range-scan this index up to t: they visit the waiting calls and the expired leases,
-- not the future calls nor the calls in operators' hands, which (due_at) and (rank, due_at) could not skip.
CREATE INDEX ix_due_calls_free_at ON due_calls ((CASE WHEN claimed_by IS NULL THEN due_at ELSE greatest(due_at, lease_until) END));

-- (rank, due_at) served no query: the reservation's first sort key (is the call's window still ahead?) is computed at
-- each ask, so that index never gave its order, and nothing else filters on rank. One index less to write per call.
DROP INDEX ix_due_calls_next;

-- The planner's statistics of the new expression, at once (not at the next autovacuum).
ANALYZE due_calls;
