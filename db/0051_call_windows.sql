-- A person's preferred call window (local time of the platform's zone): the queue serves persons inside their window
-- first, and holds a call back while its window is still ahead today (unless no one else is waiting).
ALTER TABLE due_calls ADD COLUMN window_start time, ADD COLUMN window_end time;
