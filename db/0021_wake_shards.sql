-- The due-time index the wake shards read (WakeShardGrain): each shard pages through the persons of its share that are
-- due, in (next_wake_at, id) order, from where its last page ended. The person's id makes the order total, so a page
-- boundary never skips nor repeats a person; it replaces the index on next_wake_at alone.
CREATE INDEX IF NOT EXISTS ix_persons_wake ON persons (next_wake_at, id) WHERE next_wake_at IS NOT NULL;
DROP INDEX IF EXISTS ix_persons_next_wake;
