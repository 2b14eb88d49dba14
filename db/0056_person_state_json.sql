-- The person's state is written 2-3 times per SMS in a wave: stored as json (its text, checked, not converted to jsonb's
-- binary form, which the grain never queries into), compressed with lz4 when over PostgreSQL's TOAST threshold (much
-- cheaper CPU than the default pglz; left as it is on a server built without lz4), and with room in each page for an
-- updated row to stay on its page (a HOT update, no new entry in the primary key's index).
ALTER TABLE person_states SET (fillfactor = 70);
ALTER TABLE person_states ALTER COLUMN state TYPE json USING state::json;
DO $$
BEGIN
    ALTER TABLE person_states ALTER COLUMN state SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 not available: person_states.state keeps the default compression';
END $$;
