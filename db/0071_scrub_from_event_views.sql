-- person_events_scrub (db/0041) reads the detail's parts from the views of 0070 instead of taking substrings itself.
-- Same rules, same result: callOutcome keeps "{milestone}:{outcome}:{attempt}:{seconds}:{reason code}",
-- followUpEnded keeps "{EndReason}" and, for Dropout/Refused, ":{reason code}"; SMS replies lose their words.
CREATE OR REPLACE FUNCTION person_events_scrub(person uuid) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE n integer; total integer := 0;
BEGIN
    PERFORM set_config('followup.privacy_purge', 'on', true);
    UPDATE person_events SET detail = NULL
    WHERE person_id = person AND event = 'smsReply' AND detail IS NOT NULL;
    GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
    UPDATE person_events e SET detail = o.milestone_id || ':' || o.outcome || ':' || o.attempt || ':' || o.seconds || ':' || o.reason_code
    FROM call_outcome_events o
    WHERE e.person_id = person AND o.person_id = e.person_id AND o.seq = e.seq AND e.detail IS NOT NULL;
    GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
    UPDATE person_events e SET detail = f.end_reason
        || CASE WHEN f.end_reason IN ('Dropout', 'Refused') AND f.reason_code IS NOT NULL THEN ':' || f.reason_code ELSE '' END
    FROM follow_up_end_events f
    WHERE e.person_id = person AND f.person_id = e.person_id AND f.seq = e.seq AND e.detail IS NOT NULL;
    GET DIAGNOSTICS n = ROW_COUNT; total := total + n;
    PERFORM set_config('followup.privacy_purge', 'off', true);
    RETURN total;
END $$;
