-- RGPD retention purge: persons anonymised FollowUp:Privacy:RetentionDays after the end of their follow-up.
ALTER TABLE persons ADD COLUMN purged_at timestamptz NULL;   -- set once the person's personal data are gone
CREATE INDEX ix_persons_not_purged ON persons (inclusion_date) WHERE purged_at IS NULL;

-- One row per purge run (the Admin page shows the last one, what it removed, and the next).
CREATE TABLE privacy_purges
(
    id           bigserial PRIMARY KEY,
    started_at   timestamptz NOT NULL,        -- platform time (virtual in simulation)
    finished_at  timestamptz NULL,
    horizon      date NOT NULL,               -- persons whose follow-up ended before this day are purged
    counts       jsonb NOT NULL DEFAULT '{}',
    error        text NULL
);

-- person_events becomes append-only in the database too: only the purge's function may redact free text.
CREATE TRIGGER person_events_append_only BEFORE UPDATE OR DELETE ON person_events
    FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();
CREATE TRIGGER person_events_no_truncate BEFORE TRUNCATE ON person_events
    FOR EACH STATEMENT EXECUTE FUNCTION privacy_refuse_change();

-- Removes the free text of a person's events (SMS replies word for word, reasons typed by staff and operators),
-- keeping the codes the reports count: callOutcome keeps "{milestone}:{outcome}:{attempt}:{seconds}:{reason code}",
-- followUpEnded keeps "{EndReason}" and, for Dropout/Refused, ":{reason code}".
CREATE FUNCTION person_events_scrub(person uuid) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE n integer;
BEGIN
    PERFORM set_config('followup.privacy_purge', 'on', true);
    UPDATE person_events SET detail = CASE event
        WHEN 'smsReply' THEN NULL
        WHEN 'callOutcome' THEN split_part(detail, ':', 1) || ':' || split_part(detail, ':', 2) || ':' || split_part(detail, ':', 3) || ':'
                                || split_part(detail, ':', 4) || ':' || trim(split_part(detail, ':', 5))
        WHEN 'followUpEnded' THEN split_part(detail, ':', 1)
                                || CASE WHEN split_part(detail, ':', 1) IN ('Dropout', 'Refused') AND trim(split_part(detail, ':', 2)) <> ''
                                        THEN ':' || trim(split_part(detail, ':', 2)) ELSE '' END
        END
    WHERE person_id = person AND event IN ('smsReply', 'callOutcome', 'followUpEnded') AND detail IS NOT NULL;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('followup.privacy_purge', 'off', true);
    RETURN n;
END $$;
