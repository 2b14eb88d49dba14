-- An operator's own reservations: "next" first takes back a call it reserved but lost (its grain died between the
-- person's claim and its own write), instead of leaving that person waiting for the lease to expire.
CREATE INDEX ix_due_calls_claimed_by ON due_calls (claimed_by) WHERE claimed_by IS NOT NULL;
