-- Imports: the web node running an import touches its row every half second (heartbeat_at, with its progress); a
-- running import whose heartbeat is older than FollowUp:Import:InterruptedAfterSeconds (60) belongs to a node that
-- died and is marked 'interrupted' by any web node (ImportRunner.MarkInterruptedAsync, ImportWatchdog).
ALTER TABLE imports ADD COLUMN heartbeat_at timestamptz NULL;
CREATE INDEX ix_imports_running ON imports (heartbeat_at) WHERE status = 'running';
