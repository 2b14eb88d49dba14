-- A person's state is written by one activation at a time, over the version it read. While a silo dies, Orleans may run
-- two activations of a person for a moment: the one writing second has a stale state. Its write must fail whole, so
-- that nothing else of its transaction commits either — its timeline entries would otherwise take seq places in
-- person_events that the winner's entries then lose (ON CONFLICT DO NOTHING), its index row and due calls would
-- overwrite the winner's. A write changing no row raised nothing; this function raises FU409 instead (a submission of
-- the group commit that fails is tried again alone, so only the stale activation's submission is refused). Timeline
-- entries are appended without ON CONFLICT DO NOTHING (PersonEventLog): a place taken fails the appender whole too.

-- The state written over p_version.
CREATE FUNCTION person_state_write(p_id uuid, p_state json, p_version bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE person_states SET state = p_state, version = p_version + 1, updated_at = now() WHERE id = p_id AND version = p_version;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'FU409', MESSAGE = 'person state written by another activation';
    END IF;
END $$;
