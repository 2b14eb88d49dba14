-- The parts of person_events' details as columns (issue 18 §1): SQL reads these views, never substrings of detail.
-- They mirror the C# types of src/Grains.Abstractions (TimelineEvents, MilestoneScheduledDetail, CallDueDetail,
-- CallOutcomeDetail, FollowUpEndDetail), which write the same ':'-separated text. Milestone ids are the milestone
-- type, with "-n" when a type repeats (J9-2): "milestone" is the type. The casts are guarded by the event's name.
-- security_invoker: the platform's role reads through them with its own rights (it may not update person_events, nor
-- through a view).

-- milestoneScheduled "{milestoneId}:{due day}"
CREATE VIEW milestone_events WITH (security_invoker = true) AS
SELECT person_id, seq, at, actor,
       split_part(detail, ':', 1)                                       AS milestone_id,
       split_part(split_part(detail, ':', 1), '-', 1)                   AS milestone,
       CASE WHEN event = 'milestoneScheduled' THEN split_part(detail, ':', 2)::date END AS due_date
FROM person_events
WHERE event = 'milestoneScheduled';

-- milestoneCancelled "{milestoneId}"
CREATE VIEW milestone_cancelled_events WITH (security_invoker = true) AS
SELECT person_id, seq, at, actor, detail AS milestone_id
FROM person_events
WHERE event = 'milestoneCancelled';

-- callDue "{milestoneId}:{why}:{due instant}"
CREATE VIEW call_due_events WITH (security_invoker = true) AS
SELECT person_id, seq, at,
       split_part(detail, ':', 1)                                       AS milestone_id,
       split_part(split_part(detail, ':', 1), '-', 1)                   AS milestone,
       split_part(detail, ':', 2)                                       AS reason,
       CASE WHEN event = 'callDue' THEN substr(detail, length(split_part(detail, ':', 1)) + length(split_part(detail, ':', 2)) + 3)::timestamptz END
                                                                        AS due_at
FROM person_events
WHERE event = 'callDue';

-- callOutcome "{milestoneId}:{Outcome}:{attempt}:{seconds}:{reason code}[:{typed words}]"
CREATE VIEW call_outcome_events WITH (security_invoker = true) AS
SELECT person_id, seq, at, actor,
       split_part(detail, ':', 1)                                       AS milestone_id,
       split_part(split_part(detail, ':', 1), '-', 1)                   AS milestone,
       split_part(detail, ':', 2)                                       AS outcome,
       split_part(detail, ':', 3)                                       AS attempt,
       split_part(detail, ':', 4)                                       AS seconds,
       trim(split_part(detail, ':', 5))                                 AS reason_code
FROM person_events
WHERE event = 'callOutcome';

-- followUpEnded "{EndReason}" or "{EndReason}:{reason code}[:{typed words}]"
CREATE VIEW follow_up_end_events WITH (security_invoker = true) AS
SELECT person_id, seq, at, actor,
       split_part(detail, ':', 1)                                       AS end_reason,
       NULLIF(trim(split_part(detail, ':', 2)), '')                     AS reason_code
FROM person_events
WHERE event = 'followUpEnded';
